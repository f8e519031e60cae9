/** Checks the Map item is a price key as collect-inventory writes them; anything else is a wiring bug, refused by name. */
import { priceKeyId, type PriceKey, type PriceKeyFields } from '../shared/cost-types';
import { InvalidInputError } from '../shared/errors';
import { AURORA_SERVERLESS_V2_USAGE, AURORA_STORAGE_USAGE, DATABASE_DEPLOYMENT_USAGE } from '../shared/price-keys';

const DATABASE_DEPLOYMENTS = Object.keys(DATABASE_DEPLOYMENT_USAGE);

const REQUIRED_TEXT: Readonly<Record<PriceKey['kind'], readonly string[]>> = {
  ec2: ['region', 'instanceType', 'operatingSystem', 'preInstalledSw', 'licenseModel', 'tenancy'],
  // Either may be empty (EC2 reported only one of them); both are strings.
  'ec2-unmapped': ['region'],
  'ebs-storage': ['region', 'volumeType'],
  'ebs-iops': ['region', 'volumeType'],
  'ebs-throughput': ['region', 'volumeType'],
  'ebs-io-requests': ['region'],
  snapshot: ['region'],
  'snapshot-archive': ['region'],
  ipv4: ['region', 'usage'],
  'dedicated-host': ['region', 'instanceFamily'],
  'dedicated-fee': ['region'],
  'rds-instance': ['region', 'instanceClass', 'databaseEngine', 'deploymentOption', 'licenseModel'],
  'rds-storage': ['region', 'databaseEngine', 'deploymentOption', 'usageType'],
  'rds-iops': ['region', 'databaseEngine', 'deploymentOption', 'usageType'],
  'rds-throughput': ['region', 'databaseEngine', 'deploymentOption', 'usageType'],
  'aurora-storage': ['region', 'databaseEngine', 'usageType'],
  'aurora-io': ['region', 'databaseEngine'],
  'aurora-serverless-v2': ['region', 'databaseEngine', 'usageType'],
  'ec2-cpu-credits': ['region', 'instanceFamily', 'operatingSystem'],
};

/** A field that must hold one of a few values, per kind. */
const ALLOWED_VALUES: readonly { kind: PriceKey['kind']; field: string; values: readonly string[]; optional?: true }[] = [
  { kind: 'ec2', field: 'tenancy', values: ['Shared', 'Dedicated', 'Host'] },
  { kind: 'ipv4', field: 'usage', values: ['InUse', 'Idle'] },
  { kind: 'ebs-iops', field: 'tier', values: ['tier2', 'tier3'], optional: true },
  { kind: 'rds-instance', field: 'deploymentOption', values: DATABASE_DEPLOYMENTS },
  { kind: 'rds-storage', field: 'deploymentOption', values: DATABASE_DEPLOYMENTS },
  { kind: 'rds-iops', field: 'deploymentOption', values: DATABASE_DEPLOYMENTS },
  { kind: 'rds-throughput', field: 'deploymentOption', values: DATABASE_DEPLOYMENTS },
  { kind: 'aurora-storage', field: 'usageType', values: Object.values(AURORA_STORAGE_USAGE) },
  { kind: 'aurora-serverless-v2', field: 'usageType', values: Object.values(AURORA_SERVERLESS_V2_USAGE) },
];

export function validatePriceKey(input: unknown): PriceKey {
  const key = (input as { key?: unknown } | null | undefined)?.key;
  if (key === null || typeof key !== 'object' || Array.isArray(key)) {
    throw new InvalidInputError('key', 'must be a price key object from CollectInventory, e.g. {"id":"snapshot|us-east-1","kind":"snapshot","region":"us-east-1"}');
  }
  const fields = key as Record<string, unknown>;
  const kind = fields.kind as PriceKey['kind'];
  const required = Object.hasOwn(REQUIRED_TEXT, String(kind)) ? REQUIRED_TEXT[kind] : undefined;
  if (!required) {
    throw new InvalidInputError('key.kind', `must be one of ${Object.keys(REQUIRED_TEXT).join(', ')}, got ${JSON.stringify(fields.kind)}`);
  }
  const missing = required.filter((name) => typeof fields[name] !== 'string' || fields[name] === '');
  if (missing.length > 0) throw new InvalidInputError(`key.${missing[0]}`, `is required for a ${kind} price key`);
  if (kind === 'ec2-unmapped') {
    const notText = ['platformDetails', 'usageOperation'].find((name) => typeof fields[name] !== 'string');
    if (notText) throw new InvalidInputError(`key.${notText}`, `must be a string (possibly empty) for an ec2-unmapped price key`);
  }
  for (const rule of ALLOWED_VALUES) {
    if (rule.kind !== kind || (rule.optional && fields[rule.field] === undefined)) continue;
    if (!rule.values.includes(fields[rule.field] as string)) {
      const allowed = `${rule.values.slice(0, -1).join(', ')} or ${rule.values[rule.values.length - 1]}`;
      throw new InvalidInputError(`key.${rule.field}`, `must be ${allowed}, got ${JSON.stringify(fields[rule.field])}`);
    }
  }
  if (kind === 'rds-instance' && fields.ioOptimized !== undefined && fields.ioOptimized !== true) {
    throw new InvalidInputError('key.ioOptimized', `must be true or absent, got ${JSON.stringify(fields.ioOptimized)}`);
  }
  if (kind === 'ebs-iops' && fields.tier !== undefined && fields.volumeType !== 'io2') {
    throw new InvalidInputError('key.tier', `only io2 IOPS are tiered, got a tier for ${JSON.stringify(fields.volumeType)}`);
  }
  const expected = priceKeyId(fields as unknown as PriceKeyFields);
  if (fields.id !== expected) {
    throw new InvalidInputError('key.id', `must be "${expected}" for these fields, got ${JSON.stringify(fields.id)}`);
  }
  return key as PriceKey;
}
