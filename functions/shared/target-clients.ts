/**
 * The process's one TargetAccess (functions/shared/target-access.ts), wired to the configuration
 * and to traced SDK clients: what the handlers that act in a target call to reach it. Endpoints
 * come from the SDK's AWS_ENDPOINT_URL* variables, as for every other client.
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { autoScalingClient, backupClient, cloudWatchClient, ec2Client, rdsClient, s3, traced } from './clients';
import { targetsConfig, workStoreConfig } from './config';
import { jsonStore, type TargetWork } from './power-store';
import { s3ReportStore } from './report-store';
import { createTargetAccess, type TargetAccess } from './target-access';

function createAccess(options: { forReport: boolean }): TargetAccess {
  return createTargetAccess({
    sts: traced(new STSClient({})),
    memberRole: () => {
      const config = targetsConfig();
      return { name: config.memberRoleName, externalId: config.memberRoleExternalId };
    },
    createEc2: (region, credentials) => (credentials ? traced(new EC2Client({ region, credentials })) : ec2Client(region)),
    createAutoScaling: (region, credentials) => (credentials ? traced(new AutoScalingClient({ region, credentials })) : autoScalingClient(region)),
    createRds: (region, credentials) => (credentials ? traced(new RDSClient({ region, credentials })) : rdsClient(region)),
    ...(options.forReport
      ? {
          createBackup: (region: string, credentials?: () => Promise<AwsCredentialIdentity>) => (credentials ? traced(new BackupClient({ region, credentials })) : backupClient(region)),
          createCloudWatch: (region: string, credentials?: () => Promise<AwsCredentialIdentity>) =>
            credentials ? traced(new CloudWatchClient({ region, credentials })) : cloudWatchClient(region),
        }
      : {}),
  });
}

let access: TargetAccess | undefined;

export function targetAccess(): TargetAccess {
  access ??= createAccess({ forReport: false });
  return access;
}

/** The power-schedule target steps' TargetWork: this access, and the work objects in the report bucket. */
export function targetWork(): TargetWork {
  const work = workStoreConfig();
  return { clientsFor: targetAccess().clientsFor, store: jsonStore(s3ReportStore(s3(), work.reportBucket)), workPrefix: work.workPrefix };
}

let reportAccess: TargetAccess | undefined;

/** The same for the cost report's collect step, which also reads AWS Backup and CloudWatch (Aurora metrics) in each target. */
export function reportTargetAccess(): TargetAccess {
  reportAccess ??= createAccess({ forReport: true });
  return reportAccess;
}

let organizations: OrganizationsClient | undefined;

export function organizationsClient(): OrganizationsClient {
  organizations ??= traced(new OrganizationsClient({}));
  return organizations;
}
