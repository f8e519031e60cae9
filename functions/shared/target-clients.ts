/**
 * The process's one TargetAccess (functions/shared/target-access.ts), wired to the configuration
 * and to traced SDK clients: what the power-schedule handlers call to reach a target. Endpoints
 * come from the SDK's AWS_ENDPOINT_URL* variables, as for every other client.
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { autoScalingClient, ec2Client, traced } from './clients';
import { targetsConfig } from './config';
import { createTargetAccess, type TargetAccess } from './target-access';

let access: TargetAccess | undefined;

export function targetAccess(): TargetAccess {
  access ??= createTargetAccess({
    sts: traced(new STSClient({})),
    memberRole: () => {
      const config = targetsConfig();
      return { name: config.memberRoleName, externalId: config.memberRoleExternalId };
    },
    createEc2: (region, credentials) => (credentials ? traced(new EC2Client({ region, credentials })) : ec2Client(region)),
    createAutoScaling: (region, credentials) => (credentials ? traced(new AutoScalingClient({ region, credentials })) : autoScalingClient(region)),
  });
  return access;
}

let organizations: OrganizationsClient | undefined;

export function organizationsClient(): OrganizationsClient {
  organizations ??= traced(new OrganizationsClient({}));
  return organizations;
}
