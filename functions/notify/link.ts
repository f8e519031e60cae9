/**
 * The workbook's download link: a presigned S3 GET, signed with the function's own credentials.
 *
 * How long it works is the shorter of what was asked (REPORT_LINK_HOURS, at most 7 days: the
 * Signature Version 4 limit) and what the signing credentials have left. A Lambda signs with its
 * role's temporary credentials, and S3 refuses the URL once they expire, whatever X-Amz-Expires
 * says (AWS Knowledge Center: "Why is my presigned URL for an Amazon S3 bucket expiring before the
 * expiration time that I specified?"). When the SDK knows the credentials' expiry
 * (AWS_CREDENTIAL_EXPIRATION, container or assumed-role credentials) the link is signed for no
 * longer and the message names that time; when it does not (Lambda's environment credentials) the
 * message says the link may stop working sooner. README "Notifications" says how to get the file later.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface ReportLink {
  url: string;
  /** When S3 stops accepting it at the latest. */
  validUntil: Date;
  /** `credentials`: the signing credentials expire first, at validUntil; `requested`: they may expire sooner, unknown when. */
  limitedBy: 'requested' | 'credentials';
}

/** Seconds left on credentials that expire, kept clear of the expiry itself (clock skew, time to send). */
const CREDENTIALS_MARGIN_SECONDS = 60;

export interface LinkRequest {
  bucket: string;
  key: string;
  /** The name browsers save it under. */
  filename: string;
  hours: number;
  now: Date;
}

/** How long to sign for: the hours asked, or less when credentials that expire sooner sign it. */
export function linkLifetime(hours: number, now: Date, credentialsExpire?: Date): { seconds: number; limitedBy: ReportLink['limitedBy'] } {
  const requested = hours * 3600;
  if (!credentialsExpire) return { seconds: requested, limitedBy: 'requested' };
  const left = Math.floor((credentialsExpire.getTime() - now.getTime()) / 1000) - CREDENTIALS_MARGIN_SECONDS;
  return left < requested ? { seconds: Math.max(left, 1), limitedBy: 'credentials' } : { seconds: requested, limitedBy: 'requested' };
}

export async function presignReportLink(s3: S3Client, request: LinkRequest): Promise<ReportLink> {
  const credentials = await s3.config.credentials();
  const { seconds, limitedBy } = linkLifetime(request.hours, request.now, credentials.expiration);
  const command = new GetObjectCommand({
    Bucket: request.bucket,
    Key: request.key,
    ResponseContentDisposition: `attachment; filename="${request.filename}"`,
  });
  const url = await getSignedUrl(s3, command, { expiresIn: seconds, signingDate: request.now });
  return { url, validUntil: new Date(request.now.getTime() + seconds * 1000), limitedBy };
}
