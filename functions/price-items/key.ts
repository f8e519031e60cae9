/** Checks the Map item is a price key as collect-inventory writes them; anything else is a wiring bug, refused by name. */
import { priceKeyId, type PriceKey, type PriceKeyFields } from '../shared/cost-types';
import { InvalidInputError } from '../shared/errors';

const REQUIRED_TEXT: Readonly<Record<PriceKey['kind'], readonly string[]>> = {
  ec2: ['region', 'instanceType', 'operatingSystem', 'preInstalledSw', 'licenseModel', 'tenancy'],
  'ebs-storage': ['region', 'volumeType'],
  'ebs-iops': ['region', 'volumeType'],
  'ebs-throughput': ['region', 'volumeType'],
  snapshot: ['region'],
  ipv4: ['region', 'usage'],
};

export function validatePriceKey(input: unknown): PriceKey {
  const key = (input as { key?: unknown } | null | undefined)?.key;
  if (key === null || typeof key !== 'object' || Array.isArray(key)) {
    throw new InvalidInputError('key', 'must be a price key object from CollectInventory, e.g. {"id":"snapshot|us-east-1","kind":"snapshot","region":"us-east-1"}');
  }
  const fields = key as Record<string, unknown>;
  const kind = fields.kind as PriceKey['kind'];
  const required = REQUIRED_TEXT[kind];
  if (!required) {
    throw new InvalidInputError('key.kind', `must be one of ${Object.keys(REQUIRED_TEXT).join(', ')}, got ${JSON.stringify(fields.kind)}`);
  }
  const missing = required.filter((name) => typeof fields[name] !== 'string' || fields[name] === '');
  if (missing.length > 0) throw new InvalidInputError(`key.${missing[0]}`, `is required for a ${kind} price key`);
  if (kind === 'ec2' && !['Shared', 'Dedicated', 'Host'].includes(fields.tenancy as string)) {
    throw new InvalidInputError('key.tenancy', `must be Shared, Dedicated or Host, got ${JSON.stringify(fields.tenancy)}`);
  }
  if (kind === 'ipv4' && fields.usage !== 'InUse' && fields.usage !== 'Idle') {
    throw new InvalidInputError('key.usage', `must be InUse or Idle, got ${JSON.stringify(fields.usage)}`);
  }
  const expected = priceKeyId(fields as unknown as PriceKeyFields);
  if (fields.id !== expected) {
    throw new InvalidInputError('key.id', `must be "${expected}" for these fields, got ${JSON.stringify(fields.id)}`);
  }
  return key as PriceKey;
}
