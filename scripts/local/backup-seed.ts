/**
 * Seeds the local AWS Backup emulation (scripts/local/moto_backup.py) with what only AWS itself
 * creates: recovery points and backup jobs. Items are written in the shapes AWS returns them
 * (DescribeRecoveryPoint's output, ListBackupJobs' BackupJob); the endpoint refuses any other
 * member, type or enum value, naming it. Local stack, demo and tests only.
 */
import type { BackupJob, DescribeRecoveryPointOutput } from '@aws-sdk/client-backup';

/** Where to seed: moto's endpoint (or the test proxy's), one region of one account. */
export interface BackupSeedTarget {
  endpoint: string;
  region: string;
  /** Default: the test proxy's per-test account (x-moto-account-id), else moto's default account. */
  accountId?: string;
}

type Timestamp = Date | number | string;
type WithTimestamps<T> = { [K in keyof T]: T[K] extends Date | undefined ? Timestamp | undefined : T[K] };

/** What AWS always returns for a point; the emulation fills BackupVaultArn, StorageClass (WARM),
 * VaultType and CalculatedLifecycle (from Lifecycle) when they are left out. */
export type RecoveryPointSeed = WithTimestamps<Omit<DescribeRecoveryPointOutput, '$metadata'>> &
  Required<Pick<DescribeRecoveryPointOutput, 'RecoveryPointArn' | 'BackupVaultName' | 'ResourceArn' | 'ResourceType' | 'Status'>> & {
    CreationDate: Timestamp;
  };

/** AccountId and BackupVaultArn are filled in when left out. */
export type BackupJobSeed = WithTimestamps<BackupJob> &
  Required<Pick<BackupJob, 'BackupJobId' | 'BackupVaultName' | 'ResourceArn' | 'ResourceType' | 'State'>> & { CreationDate: Timestamp };

/** Dates become epoch seconds, the wire format of AWS Backup's timestamps. */
function onTheWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(onTheWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, onTheWire(v)]));
  }
  return value;
}

async function seed(target: BackupSeedTarget, path: string, key: string, items: unknown[]): Promise<void> {
  const body = { region: target.region, ...(target.accountId ? { account_id: target.accountId } : {}), [key]: onTheWire(items) };
  const response = await fetch(new URL(path, target.endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) {
    const text = await response.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { Message?: string }).Message ?? text;
    } catch {
      // not JSON: keep the raw text
    }
    throw new Error(`seeding ${key} failed (${response.status} ${response.headers.get('x-amzn-errortype') ?? ''}): ${message}`);
  }
}

export function seedRecoveryPoints(target: BackupSeedTarget, points: RecoveryPointSeed[]): Promise<void> {
  return seed(target, '/moto-api/static/backup/recovery-points', 'RecoveryPoints', points);
}

export function seedBackupJobs(target: BackupSeedTarget, jobs: BackupJobSeed[]): Promise<void> {
  return seed(target, '/moto-api/static/backup/jobs', 'BackupJobs', jobs);
}
