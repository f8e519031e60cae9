/**
 * Reaching a target's account: the deployment account with the function's own role, every other
 * account through the member role (MEMBER_ROLE_NAME, terraform/modules/member-role) assumed with
 * STS. The deployment account's id is learned once per process from GetCallerIdentity.
 *
 * Credentials are cached per account and role session for the life of the process and refreshed
 * five minutes before they expire (a warm Lambda serves many invocations). The session name says
 * which execution acted, so the member account's CloudTrail shows it; a new execution in a warm
 * process therefore assumes the role again under its own name. SDK clients are cached per
 * account, region and session, at most MAX_CACHED_CLIENTS of them (the oldest are closed).
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { BackupClient } from '@aws-sdk/client-backup';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { Target } from './targets';

export interface MemberRole {
  name: string;
  externalId?: string;
}

export interface DeploymentIdentity {
  accountId: string;
  partition: string;
}

/** The clients a step needs in one target; AWS Backup only where createBackup is given (the cost report). */
export interface TargetClients {
  ec2: EC2Client;
  /** Present where the access can build one (every deployed function can); only the `asg` kind uses it. */
  autoScaling?: AutoScalingClient;
  /** The same; only the `rds` kind uses it. */
  rds?: RDSClient;
  backup?: BackupClient;
  /** The cost report's Aurora storage and I/O reads; where createCloudWatch is given. */
  cloudWatch?: CloudWatchClient;
}

export interface TargetAccessOptions {
  sts: Pick<STSClient, 'send'>;
  /** Read when first needed, so a ConfigError surfaces as the step's error. */
  memberRole: () => MemberRole;
  /** An EC2 client for the region; with credentials for a member account, without for the deployment account. */
  createEc2(region: string, credentials?: () => Promise<AwsCredentialIdentity>): EC2Client;
  /** The same for Auto Scaling. */
  createAutoScaling?(region: string, credentials?: () => Promise<AwsCredentialIdentity>): AutoScalingClient;
  /** The same for RDS. */
  createRds?(region: string, credentials?: () => Promise<AwsCredentialIdentity>): RDSClient;
  /** The same for AWS Backup; only the cost report reads it, so only its functions bundle the client. */
  createBackup?(region: string, credentials?: () => Promise<AwsCredentialIdentity>): BackupClient;
  /** The same for CloudWatch (the cost report's Aurora metrics). */
  createCloudWatch?(region: string, credentials?: () => Promise<AwsCredentialIdentity>): CloudWatchClient;
  now?: () => number;
}

export interface TargetAccess {
  deploymentIdentity(): Promise<DeploymentIdentity>;
  clientsFor(target: Target, run: { executionName: string }): Promise<TargetClients>;
}

/** Refresh this long before the credentials expire: the SDK itself treats the last 5 minutes as expired. */
const REFRESH_BEFORE_MS = 5 * 60 * 1000;
const SESSION_SECONDS = 3600;
const MAX_CACHED_CLIENTS = 64;
const MAX_CACHED_SESSIONS = 256;
const SESSION_NAME_MAX = 64;

/**
 * The role session name for an execution: `ops-<execution name>`, in the characters STS allows
 * ([\w+=,.@-]), at most 64 long; a longer name keeps its start and a hash of the whole, so two
 * executions never share a session name.
 */
export function roleSessionName(executionName: string): string {
  const cleaned = `ops-${executionName}`.replace(/[^\w+=,.@-]/g, '-');
  if (cleaned.length <= SESSION_NAME_MAX) return cleaned;
  let hash = 0;
  for (const char of executionName) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  const suffix = `-${hash.toString(16).padStart(8, '0')}`;
  return `${cleaned.slice(0, SESSION_NAME_MAX - suffix.length)}${suffix}`;
}

export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** A Map that forgets its oldest entries beyond `limit` (insertion order is Map's order). */
function bounded<K, V>(map: Map<K, V>, limit: number, onEvict?: (value: V) => void): void {
  while (map.size > limit) {
    const [oldestKey, oldest] = map.entries().next().value as [K, V];
    map.delete(oldestKey);
    onEvict?.(oldest);
  }
}

export function createTargetAccess(options: TargetAccessOptions): TargetAccess {
  const now = options.now ?? Date.now;
  let identity: Promise<DeploymentIdentity> | undefined;
  const sessions = new Map<string, Promise<AwsCredentialIdentity>>();
  const memberClients = new Map<string, TargetClients>();
  const ownClients = new Map<string, TargetClients>();
  const clientsWith = (region: string, credentials?: () => Promise<AwsCredentialIdentity>): TargetClients => {
    const autoScaling = options.createAutoScaling?.(region, credentials);
    const rds = options.createRds?.(region, credentials);
    const backup = options.createBackup?.(region, credentials);
    const cloudWatch = options.createCloudWatch?.(region, credentials);
    return {
      ec2: options.createEc2(region, credentials),
      ...(autoScaling ? { autoScaling } : {}),
      ...(rds ? { rds } : {}),
      ...(backup ? { backup } : {}),
      ...(cloudWatch ? { cloudWatch } : {}),
    };
  };

  const deploymentIdentity = (): Promise<DeploymentIdentity> => {
    identity ??= options.sts.send(new GetCallerIdentityCommand({})).then((answer) => ({
      accountId: answer.Account ?? '',
      partition: answer.Arn?.split(':')[1] ?? 'aws',
    }));
    // A failed lookup is not kept: the next invocation asks again.
    identity.catch(() => (identity = undefined));
    return identity;
  };

  const assume = async (accountId: string, sessionName: string): Promise<AwsCredentialIdentity> => {
    const role = options.memberRole();
    const { partition } = await deploymentIdentity();
    const answer = await options.sts.send(
      new AssumeRoleCommand({
        RoleArn: memberRoleArn(partition, accountId, role.name),
        RoleSessionName: sessionName,
        DurationSeconds: SESSION_SECONDS,
        ...(role.externalId ? { ExternalId: role.externalId } : {}),
      }),
    );
    const credentials = answer.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error(`AssumeRole into ${accountId} returned no credentials`);
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    };
  };

  /** Cached credentials for the session, assumed again when they come within 5 minutes of expiring. */
  const memberCredentials = async (accountId: string, sessionName: string): Promise<AwsCredentialIdentity> => {
    const key = `${accountId}|${sessionName}`;
    const cached = sessions.get(key);
    if (cached) {
      const credentials = await cached.catch(() => undefined);
      const expiresAt = credentials?.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
      if (credentials && expiresAt - now() > REFRESH_BEFORE_MS) return credentials;
      sessions.delete(key);
    }
    const fresh = assume(accountId, sessionName);
    sessions.set(key, fresh);
    bounded(sessions, MAX_CACHED_SESSIONS);
    // A refusal is not kept either: a fixed trust policy works on the next invocation.
    fresh.catch(() => sessions.get(key) === fresh && sessions.delete(key));
    return fresh;
  };

  return {
    deploymentIdentity,
    async clientsFor(target, run) {
      const { accountId } = await deploymentIdentity();
      if (target.accountId === accountId) {
        let clients = ownClients.get(target.region);
        if (!clients) {
          clients = clientsWith(target.region);
          ownClients.set(target.region, clients);
        }
        return clients;
      }
      const sessionName = roleSessionName(run.executionName);
      // Assumed now, so a target that cannot be reached says so here rather than at its first call.
      await memberCredentials(target.accountId, sessionName);
      const key = `${target.accountId}|${target.region}|${sessionName}`;
      let clients = memberClients.get(key);
      if (!clients) {
        clients = clientsWith(target.region, () => memberCredentials(target.accountId, sessionName));
        memberClients.set(key, clients);
        bounded(memberClients, MAX_CACHED_CLIENTS, (evicted) => {
          evicted.ec2.destroy();
          evicted.autoScaling?.destroy();
          evicted.rds?.destroy();
          evicted.backup?.destroy();
          evicted.cloudWatch?.destroy();
        });
      }
      return clients;
    },
  };
}
