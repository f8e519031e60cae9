/**
 * SDK clients for the CLI. Credentials, profile and endpoints are left to the SDK's own chain
 * (AWS_PROFILE, AWS_ENDPOINT_URL*, ...). The region is AWS_REGION when set; otherwise the
 * deployment's region (Terraform output, or the state machine ARN), so a shell without a region
 * still reaches what Terraform deployed.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { S3Client } from '@aws-sdk/client-s3';
import { s3PathStyle } from '../../functions/shared/clients';
import { MACHINES, regionOfArn, type Deployment } from './deployment';

export interface OpsClients {
  sfn: SFNClient;
  s3: S3Client;
}

export function deploymentRegion(deployment: Deployment, env: Record<string, string | undefined>): string | undefined {
  if (env.AWS_REGION) return undefined; // the SDK reads it itself
  for (const machine of MACHINES) {
    const arn = deployment.machines[machine];
    if (arn) return regionOfArn(arn);
  }
  return deployment.complete().region ?? (env.AWS_DEFAULT_REGION || undefined);
}

export function createClients(deployment: Deployment, env: Record<string, string | undefined> = process.env): OpsClients {
  const region = deploymentRegion(deployment, env);
  return {
    sfn: new SFNClient(region ? { region } : {}),
    s3: new S3Client({ ...(region ? { region } : {}), forcePathStyle: s3PathStyle(env) }),
  };
}
