/**
 * The GetProducts query for each kind of price key, in the format real Price List items have
 * (../shared/reference/pricing/README.md). Each must pin exactly one on-demand SKU: leaving out e.g.
 * capacitystatus or preInstalledSw lets capacity-reservation or SQL Server SKUs match too, which
 * the exact-one rule then reports as unpriced rather than guessing.
 *
 * Usage types carry a region prefix outside us-east-1 (`APN2-EBS:VolumeP-IOPS.io2`), and one usage
 * type can be the start of another (`.io2` / `.io2.tier2`): the server narrows with CONTAINS, then
 * `usageTypeSuffix` keeps only items whose usage type is exactly that, after an optional prefix.
 */
import type { Filter } from '@aws-sdk/client-pricing';
import type { PriceKey } from '../shared/cost-types';
import { AURORA_IO_OPTIMIZED_INSTANCE, AURORA_IO_USAGE, DATABASE_DEPLOYMENT_USAGE } from '../shared/price-keys';

export interface PriceQuery {
  serviceCode: string;
  filters: Filter[];
  /** The usage type the item must have, region prefix aside. */
  usageTypeSuffix?: string;
  /**
   * Among what matched, the items whose `field` has the first of `values` that any item has: RDS
   * lists storage per engine in some regions and once for `Any` engine in others, so an exact
   * filter on either would miss the other.
   */
  preferred?: { field: string; values: readonly string[] };
}

const term = (field: string, value: string): Filter => ({ Type: 'TERM_MATCH', Field: field, Value: value });
const contains = (field: string, value: string): Filter => ({ Type: 'CONTAINS', Field: field, Value: value });

/** The usage type without its region prefix, e.g. `EBS:VolumeP-IOPS.piops` for io1. */
const IOPS_USAGE_TYPE: Readonly<Record<string, string>> = { io1: 'EBS:VolumeP-IOPS.piops' };

function byUsageType(serviceCode: string, filters: Filter[], usageType: string): PriceQuery {
  return { serviceCode, filters: [...filters, contains('usagetype', usageType)], usageTypeSuffix: usageType };
}

/**
 * An RDS or Aurora product by usage type: the engine's own item before the `Any` one (RDS lists
 * storage, IOPS and throughput for engine `Any`; Aurora PostgreSQL's volume has its own item).
 */
function rdsByUsageType(filters: Filter[], usageType: string, databaseEngine: string): PriceQuery {
  return { ...byUsageType('AmazonRDS', filters, usageType), preferred: { field: 'databaseEngine', values: [databaseEngine, 'Any'] } };
}

const RDS_PER_DEPLOYMENT_FAMILY = { 'rds-storage': 'Database Storage', 'rds-iops': 'Provisioned IOPS', 'rds-throughput': 'Provisioned Throughput' } as const;

/** Keys answered by asking AWS; unmapped licensing is answered without a call (price.ts). */
export type QueriedPriceKey = Exclude<PriceKey, { kind: 'ec2-unmapped' }>;

export function priceQuery(key: QueriedPriceKey): PriceQuery {
  switch (key.kind) {
    case 'ec2':
      return {
        serviceCode: 'AmazonEC2',
        filters: [
          term('productFamily', 'Compute Instance'),
          term('regionCode', key.region),
          term('instanceType', key.instanceType),
          term('operatingSystem', key.operatingSystem),
          term('preInstalledSw', key.preInstalledSw),
          term('licenseModel', key.licenseModel),
          term('tenancy', key.tenancy),
          term('capacitystatus', 'Used'),
        ],
      };
    case 'ebs-storage':
      return {
        serviceCode: 'AmazonEC2',
        filters: [term('productFamily', 'Storage'), term('regionCode', key.region), term('volumeApiName', key.volumeType)],
      };
    case 'ebs-iops': {
      const base = IOPS_USAGE_TYPE[key.volumeType] ?? `EBS:VolumeP-IOPS.${key.volumeType}`;
      return byUsageType(
        'AmazonEC2',
        [term('productFamily', 'System Operation'), term('regionCode', key.region), term('volumeApiName', key.volumeType)],
        key.tier ? `${base}.${key.tier}` : base,
      );
    }
    case 'ebs-throughput':
      return byUsageType(
        'AmazonEC2',
        [term('productFamily', 'Provisioned Throughput'), term('regionCode', key.region), term('volumeApiName', key.volumeType)],
        `EBS:VolumeP-Throughput.${key.volumeType}`,
      );
    case 'ebs-io-requests':
      return byUsageType(
        'AmazonEC2',
        [term('productFamily', 'System Operation'), term('regionCode', key.region), term('volumeApiName', 'standard')],
        'EBS:VolumeIOUsage',
      );
    case 'snapshot':
      return byUsageType('AmazonEC2', [term('productFamily', 'Storage Snapshot'), term('regionCode', key.region)], 'EBS:SnapshotUsage');
    case 'snapshot-archive':
      return byUsageType('AmazonEC2', [term('productFamily', 'Storage Snapshot'), term('regionCode', key.region)], 'EBS:SnapshotArchiveStorage');
    case 'ipv4':
      // Real AmazonVPC IPv4 items have no productFamily at all: a filter on it would match nothing.
      return byUsageType(
        'AmazonVPC',
        [term('group', 'VPCPublicIPv4Address'), term('regionCode', key.region)],
        key.usage === 'InUse' ? 'PublicIPv4:InUseAddress' : 'PublicIPv4:IdleAddress',
      );
    case 'dedicated-host':
      // A host item's instanceType is the family; tenancy Host leaves out the Reserved host offers.
      return byUsageType(
        'AmazonEC2',
        [term('productFamily', 'Dedicated Host'), term('regionCode', key.region), term('instanceType', key.instanceFamily), term('tenancy', 'Host')],
        `HostUsage:${key.instanceFamily}`,
      );
    case 'dedicated-fee':
      return {
        serviceCode: 'AmazonEC2',
        filters: [term('productFamily', 'Fee'), term('regionCode', key.region), term('group', 'EC2-Dedicated Usage')],
      };
    case 'rds-instance':
      // Large classes' usage types are abbreviated (`InstanceUsage:db.r5b.16xl`), so the class is
      // matched on instanceType; the usage type's stem, one per deployment, keeps Aurora Standard
      // (`InstanceUsage:`) and I/O-Optimized (`InstanceUsageIOOptimized:`, `storage` "Aurora IO
      // Optimization Mode": ../shared/price-keys.ts cites the captures) apart, each query pinning one.
      // A Multi-AZ DB cluster's product (`Multi-AZClusterUsage:`) is priced per hour of the whole cluster.
      return {
        serviceCode: 'AmazonRDS',
        filters: [
          term('productFamily', 'Database Instance'),
          term('regionCode', key.region),
          term('instanceType', key.instanceClass),
          term('databaseEngine', key.databaseEngine),
          ...(key.databaseEdition ? [term('databaseEdition', key.databaseEdition)] : []),
          term('deploymentOption', key.deploymentOption),
          term('licenseModel', key.licenseModel),
          ...(key.ioOptimized
            ? [term('storage', AURORA_IO_OPTIMIZED_INSTANCE.storage), contains('usagetype', AURORA_IO_OPTIMIZED_INSTANCE.usagePrefix)]
            : [contains('usagetype', DATABASE_DEPLOYMENT_USAGE[key.deploymentOption]?.instance ?? 'InstanceUsage:')]),
        ],
      };
    // RDS allocated storage ("Database Storage"), Provisioned IOPS (io1 `RDS:PIOPS`, io2
    // `RDS:IO2-PIOPS`, gp3 above the baseline `RDS:GP3-PIOPS`, each with `Multi-AZ-` for Multi-AZ) and
    // gp3 throughput (`RDS:GP3-Throughput`): productFamily "Provisioned IOPS" / "Provisioned Throughput" per deploymentOption (infracost
    // db_instance.go filters "Provisioned IOPS" on deploymentOption, groupDescription and databaseEngine
    // "Any"; a public GetProducts client for AmazonRDS reads both families with a deploymentOption).
    // The usage type alone tells io1, io2 and gp3 apart, so groupDescription is not needed.
    // ../shared/price-keys.ts cites the usage types.
    case 'rds-storage':
    case 'rds-iops':
    case 'rds-throughput':
      return rdsByUsageType(
        [term('productFamily', RDS_PER_DEPLOYMENT_FAMILY[key.kind]), term('regionCode', key.region), term('deploymentOption', key.deploymentOption)],
        key.usageType,
        key.databaseEngine,
      );
    // Aurora's volume: no deploymentOption filter (the cluster volume is one product whatever the
    // instances), and the engine's own item before the `Any` one, as public pricing code reads them
    // (infracost rds_cluster.go: Aurora PostgreSQL has its own storage item, Aurora MySQL `Any`).
    case 'aurora-storage':
      return rdsByUsageType([term('productFamily', 'Database Storage'), term('regionCode', key.region)], key.usageType, key.databaseEngine);
    case 'aurora-io':
      return rdsByUsageType([term('productFamily', 'System Operation'), term('regionCode', key.region)], AURORA_IO_USAGE, key.databaseEngine);
    // Serverless v2 capacity is listed per engine (Aurora MySQL, Aurora PostgreSQL), one product per
    // storage configuration, told apart by the usage type alone (../shared/price-keys.ts).
    case 'aurora-serverless-v2':
      return byUsageType('AmazonRDS', [term('productFamily', 'ServerlessV2'), term('regionCode', key.region), term('databaseEngine', key.databaseEngine)], key.usageType);
    // Surplus CPU credits, as public pricing code reads them (infracost
    // internal/resources/aws/instance.go cpuCreditCostComponent: productFamily "CPU Credits",
    // operatingSystem, usagetype ending in `CPUCredits:<family>`, unit vCPU-hours). The suffix keeps
    // `CPUCredits:t3` from matching `CPUCredits:t3a`.
    case 'ec2-cpu-credits':
      return byUsageType(
        'AmazonEC2',
        [term('productFamily', 'CPU Credits'), term('regionCode', key.region), term('operatingSystem', key.operatingSystem)],
        `CPUCredits:${key.instanceFamily}`,
      );
  }
}

/** True when `usageType` is `suffix`, or `suffix` behind a region prefix such as `APN2-`. */
export function hasUsageType(usageType: string | undefined, suffix: string): boolean {
  return usageType === suffix || (usageType?.endsWith(`-${suffix}`) ?? false);
}

/** The query in one readable line, for unpriced reasons and logs. */
export function describeQuery(query: PriceQuery): string {
  const parts = query.filters.map((f) =>
    f.Type === 'TERM_MATCH' ? `${f.Field}="${f.Value}"` : `${f.Field} ${f.Type} "${f.Value}"`,
  );
  if (query.usageTypeSuffix) parts.push(`usagetype ending in "${query.usageTypeSuffix}"`);
  if (query.preferred) parts.push(`${query.preferred.field} ${query.preferred.values.map((v) => `"${v}"`).join(' or else ')}`);
  return `${query.serviceCode} ${parts.join(', ')}`;
}
