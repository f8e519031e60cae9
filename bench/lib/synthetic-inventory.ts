/**
 * A synthetic Inventory and its prices, built in code, for rendering the report alone at sizes no
 * emulator can hold (10,000 and 50,000 instances): the same shape CollectInventory writes, the same
 * mix as the seeded fleet (12 types × 3 platforms, volumes of 4 types) but with two volumes per
 * instance (an 8 GiB gp2 root and a data volume), as real fleets have,
 * plus some stopped instances, unattached volumes, Elastic IPs and snapshots so every sheet has rows.
 */
import { priceListAttributes } from '../../functions/shared/platform';
import {
  priceKeyId,
  type Inventory,
  type InventoryAddress,
  type InventoryInstance,
  type InventorySnapshot,
  type InventoryVolume,
  type PlatformName,
  type PriceKeyFields,
  type PriceResult,
} from '../../functions/shared/cost-types';
import { comboOf } from './seed-bulk';

const REGION = 'ap-northeast-2';
export const SYNTHETIC_REPORT_DATE = '2026-11-23';
const HOURLY_BY_SIZE: Record<string, number> = { micro: 0.013, small: 0.026, medium: 0.052, large: 0.104, xlarge: 0.208 };
const PLATFORM_UPLIFT: Record<string, number> = { Linux: 0, Windows: 0.046, 'Windows+SQLStd': 0.5 };
const GB_MONTH: Record<string, number> = { gp2: 0.114, gp3: 0.0912, st1: 0.051, sc1: 0.0174 };

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

export function syntheticInventory(instanceCount: number, reportDate = SYNTHETIC_REPORT_DATE): { inventory: Inventory; prices: PriceResult[] } {
  const instances: InventoryInstance[] = [];
  const volumes: InventoryVolume[] = [];
  const priceKeys = new Map<string, PriceKeyFields>();
  const az = `${REGION}a`;
  const launchTime = '2026-01-05T00:00:00.000Z';

  for (let index = 0; index < instanceCount; index += 1) {
    const combo = comboOf(index);
    const platform = combo.platform as PlatformName;
    const instanceId = `i-${hex(index, 17)}`;
    const stopped = index % 10 === 9;
    const ec2Key: PriceKeyFields = { kind: 'ec2', region: REGION, instanceType: combo.instanceType, ...priceListAttributes(platform), tenancy: 'Shared' };
    const id = priceKeyId(ec2Key);
    priceKeys.set(id, ec2Key);
    const rootId = `vol-r${hex(index, 16)}`;
    const dataId = `vol-d${hex(index, 16)}`;
    instances.push({
      region: REGION,
      instanceId,
      name: `bench-${index}`,
      instanceType: combo.instanceType,
      state: stopped ? 'stopped' : 'running',
      az,
      platform,
      platformSource: 'tag',
      tenancy: 'Shared',
      launchTime,
      stoppedSince: stopped ? '2026-10-01T00:00:00.000Z' : undefined,
      vcpu: 2,
      scheduleTagValue: index % 2 === 0 ? 'Yes' : undefined,
      volumeIds: [rootId, dataId],
      priceKeyId: id,
    });
    volumes.push(
      { region: REGION, volumeId: rootId, name: '', volumeType: 'gp2', sizeGiB: 8, iops: 100, state: 'in-use', az, attachedTo: instanceId, createTime: launchTime },
      {
        region: REGION,
        volumeId: dataId,
        name: `bench-${index}-data`,
        volumeType: combo.dataVolume.type,
        sizeGiB: combo.dataVolume.sizeGiB,
        iops: combo.dataVolume.type === 'gp3' ? 3000 : undefined,
        throughputMiBps: combo.dataVolume.type === 'gp3' ? 125 : undefined,
        state: 'in-use',
        az,
        attachedTo: instanceId,
        createTime: launchTime,
      },
    );
  }
  // About 1% waste: unattached volumes and idle addresses, as a real fleet has.
  const wasteCount = Math.max(1, Math.floor(instanceCount / 100));
  for (let index = 0; index < wasteCount; index += 1) {
    volumes.push({ region: REGION, volumeId: `vol-u${hex(index, 16)}`, name: `orphan-${index}`, volumeType: 'gp3', sizeGiB: 200, iops: 3000, throughputMiBps: 125, state: 'available', az, createTime: launchTime });
  }
  const addresses: InventoryAddress[] = Array.from({ length: wasteCount * 2 }, (_, index) => ({
    region: REGION,
    publicIp: `203.0.${Math.floor(index / 250) % 250}.${index % 250}`,
    kind: 'elastic',
    allocationId: `eipalloc-${hex(index, 17)}`,
    instanceId: index % 2 === 0 ? instances[index]?.instanceId : undefined,
    associated: index % 2 === 0,
  }));
  const snapshots: InventorySnapshot[] = Array.from({ length: wasteCount * 3 }, (_, index) => ({
    region: REGION,
    snapshotId: `snap-${hex(index, 17)}`,
    volumeId: `vol-d${hex(index, 16)}`,
    volumeSizeGiB: 100,
    startTime: '2026-11-01T00:00:00.000Z',
    description: `nightly backup ${index}`,
  }));

  for (const volumeType of Object.keys(GB_MONTH)) {
    priceKeys.set(priceKeyId({ kind: 'ebs-storage', region: REGION, volumeType }), { kind: 'ebs-storage', region: REGION, volumeType });
  }
  priceKeys.set(priceKeyId({ kind: 'ebs-iops', region: REGION, volumeType: 'gp3' }), { kind: 'ebs-iops', region: REGION, volumeType: 'gp3' });
  priceKeys.set(priceKeyId({ kind: 'ebs-throughput', region: REGION, volumeType: 'gp3' }), { kind: 'ebs-throughput', region: REGION, volumeType: 'gp3' });
  priceKeys.set(priceKeyId({ kind: 'snapshot', region: REGION }), { kind: 'snapshot', region: REGION });
  for (const usage of ['InUse', 'Idle'] as const) priceKeys.set(priceKeyId({ kind: 'ipv4', region: REGION, usage }), { kind: 'ipv4', region: REGION, usage });

  const prices: PriceResult[] = [...priceKeys].map(([id, key]) => {
    switch (key.kind) {
      case 'ec2': {
        const size = key.instanceType.split('.')[1] ?? 'large';
        const platformName = (Object.keys(PLATFORM_UPLIFT).find((p) => priceKeyId({ ...key, ...priceListAttributes(p as PlatformName) }) === id) ?? 'Linux');
        return { id, status: 'priced', usd: (HOURLY_BY_SIZE[size] ?? 0.1) + (PLATFORM_UPLIFT[platformName] ?? 0), unit: 'Hrs', sku: `SKU${hex(id.length, 6)}`, vcpu: 2, memory: '8 GiB' };
      }
      case 'ebs-storage':
        return { id, status: 'priced', usd: GB_MONTH[key.volumeType] ?? 0.1, unit: 'GB-Mo' };
      case 'ebs-iops':
        return { id, status: 'priced', usd: 0.005, unit: 'IOPS-Mo' };
      case 'ebs-throughput':
        return { id, status: 'priced', usd: 0.04, unit: 'MiBps-Mo' };
      case 'snapshot':
        return { id, status: 'priced', usd: 0.05, unit: 'GB-Mo' };
      case 'ipv4':
        return { id, status: 'priced', usd: 0.005, unit: 'Hrs' };
      default:
        throw new Error(`the synthetic inventory asks for no ${key.kind} price`);
    }
  });

  return {
    inventory: {
      collectedAt: `${reportDate}T00:00:00.000Z`,
      reportDate,
      regions: [REGION],
      instances,
      volumes,
      addresses,
      snapshots,
      excluded: [],
    },
    prices,
  };
}
