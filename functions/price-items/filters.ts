/**
 * The GetProducts query for each kind of price key. Each must pin exactly one on-demand SKU:
 * leaving out e.g. capacitystatus or preInstalledSw lets capacity-reservation or SQL Server
 * SKUs match too, which the exact-one rule then reports as unpriced rather than guessing.
 */
import type { Filter } from '@aws-sdk/client-pricing';
import type { PriceKey } from '../shared/cost-types';

export interface PriceQuery {
  serviceCode: string;
  filters: Filter[];
}

const term = (field: string, value: string): Filter => ({ Type: 'TERM_MATCH', Field: field, Value: value });
const contains = (field: string, value: string): Filter => ({ Type: 'CONTAINS', Field: field, Value: value });

export function priceQuery(key: PriceKey): PriceQuery {
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
    case 'ebs-iops':
      return {
        serviceCode: 'AmazonEC2',
        filters: [
          term('productFamily', 'System Operation'),
          term('group', 'EBS IOPS'),
          term('regionCode', key.region),
          term('volumeApiName', key.volumeType),
        ],
      };
    case 'ebs-throughput':
      return {
        serviceCode: 'AmazonEC2',
        filters: [
          term('productFamily', 'Provisioned Throughput'),
          term('group', 'EBS Throughput'),
          term('regionCode', key.region),
          term('volumeApiName', key.volumeType),
        ],
      };
    case 'snapshot':
      return {
        serviceCode: 'AmazonEC2',
        filters: [
          term('productFamily', 'Storage Snapshot'),
          term('regionCode', key.region),
          term('storageMedia', 'Amazon S3'),
          contains('usagetype', 'SnapshotUsage'),
        ],
      };
    case 'ipv4':
      return {
        serviceCode: 'AmazonVPC',
        filters: [
          term('productFamily', 'IP Address'),
          term('group', 'VPCPublicIPv4Address'),
          term('regionCode', key.region),
          contains('usagetype', key.usage === 'InUse' ? 'PublicIPv4:InUseAddress' : 'PublicIPv4:IdleAddress'),
        ],
      };
  }
}

/** The query in one readable line, for unpriced reasons and logs. */
export function describeQuery(query: PriceQuery): string {
  const parts = query.filters.map((f) =>
    f.Type === 'TERM_MATCH' ? `${f.Field}="${f.Value}"` : `${f.Field} ${f.Type} "${f.Value}"`,
  );
  return `${query.serviceCode} ${parts.join(', ')}`;
}
