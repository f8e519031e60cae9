/** Where a target's inventory goes: the run's folder under the report bucket's work prefix (shared/report-keys.ts). */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { asStepError, awsErrorCode, ReportStorageError } from '../shared/errors';

export interface InventoryStore {
  /** Writes a JSON document; throws ReportStorageError when the bucket cannot take it. */
  putJson(key: string, document: unknown): Promise<void>;
}


export function s3InventoryStore(s3: Pick<S3Client, 'send'>, bucket: string): InventoryStore {
  return {
    async putJson(key, document) {
      try {
        await s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(document), ContentType: 'application/json' }),
        );
      } catch (error) {
        const code = awsErrorCode(error);
        if (code === 'NoSuchBucket') {
          throw new ReportStorageError(`report bucket "${bucket}" does not exist (REPORT_BUCKET); cannot write s3://${bucket}/${key}`, { cause: error });
        }
        if (code === 'AccessDenied') {
          throw new ReportStorageError(`no permission to write s3://${bucket}/${key} (REPORT_BUCKET "${bucket}")`, { cause: error });
        }
        throw asStepError(error, `PutObject s3://${bucket}/${key}`);
      }
    },
  };
}
