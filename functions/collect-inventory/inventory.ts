/**
 * Turns one region's EC2 descriptions into inventory records, and an inventory into the unique
 * price keys the Map prices: one Pricing call per distinct thing to price, never one per resource.
 */
import type { Address, Instance, Snapshot, Tag, Volume } from '@aws-sdk/client-ec2';
import {
  withId,
  type ExcludedInstance,
  type Inventory,
  type InventoryAddress,
  type InventoryInstance,
  type InventorySnapshot,
  type InventoryVolume,
  type PriceKey,
  type PriceKeyFields,
  type Tenancy,
} from '../shared/cost-types';
import { detectPlatform, priceListAttributes } from '../shared/platform';
import { tagValue } from '../shared/tags';
import type { RegionResources } from './describe';

/** gp3 includes this many IOPS and this much throughput (MiB/s) in its storage price; only the excess is billed. */
export const GP3_FREE_IOPS = 3000;
export const GP3_FREE_THROUGHPUT_MIBPS = 125;
/** Volume types whose every provisioned IOPS is billed. */
const PROVISIONED_IOPS_TYPES = new Set(['io1', 'io2']);

export type RegionInventory = Pick<Inventory, 'instances' | 'volumes' | 'addresses' | 'snapshots' | 'excluded'>;

export interface AssembleOptions {
  /** The opt-in schedule tag key (TAG_KEY); its value is kept so the report can estimate schedule savings. */
  scheduleTagKey: string;
}

export interface AssembleResult extends RegionInventory {
  /** Per-instance notes an operator should see in the logs (ignored Platform tag values, ...). */
  warnings: { instanceId: string; warning: string }[];
}

const TENANCY: Readonly<Record<string, Tenancy>> = { default: 'Shared', dedicated: 'Dedicated', host: 'Host' };

/** The compute price key of an instance; its id is what InventoryInstance.priceKeyId holds. */
export function instancePriceKey(instance: Pick<InventoryInstance, 'region' | 'instanceType' | 'platform' | 'tenancy'>): PriceKeyFields {
  const { region, instanceType, platform, tenancy } = instance;
  return { kind: 'ec2', region, instanceType, ...priceListAttributes(platform), tenancy };
}

export function priceListTenancy(placementTenancy: string | undefined): Tenancy {
  return TENANCY[placementTenancy ?? 'default'] ?? 'Shared';
}

function nameOf(tags: readonly Tag[] | undefined): string {
  return tagValue(tags, 'Name') ?? '';
}

function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// EC2 writes "User initiated (2026-10-01 10:00:00 GMT)"; moto writes UTC instead of GMT.
const TRANSITION_TIME = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)/;

/** When a stopped instance was stopped, from its StateTransitionReason; undefined when EC2 does not say. */
export function stoppedSinceFrom(stateTransitionReason: string | undefined): string | undefined {
  const match = TRANSITION_TIME.exec(stateTransitionReason ?? '');
  return match ? iso(`${match[1]}T${match[2]}Z`) : undefined;
}

function vcpuOf(instance: Instance): number | undefined {
  const { CoreCount, ThreadsPerCore } = instance.CpuOptions ?? {};
  return CoreCount !== undefined && ThreadsPerCore !== undefined ? CoreCount * ThreadsPerCore : undefined;
}

function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

function byId<T>(id: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

export function assembleRegion(region: string, resources: RegionResources, options: AssembleOptions): AssembleResult {
  const warnings: AssembleResult['warnings'] = [];
  const excluded: ExcludedInstance[] = [];
  const instances: InventoryInstance[] = [];
  const excludedIds = new Set<string>();
  const elasticIps = new Set(resources.addresses.flatMap((a) => (a.PublicIp ? [a.PublicIp] : [])));

  for (const instance of resources.instances) {
    const instanceId = instance.InstanceId ?? '';
    const decision = detectPlatform(instance);
    if (decision.excluded) {
      excludedIds.add(instanceId);
      excluded.push({ region, instanceId, reason: decision.reason });
      continue;
    }
    for (const warning of decision.warnings) warnings.push({ instanceId, warning });
    const tenancy = priceListTenancy(instance.Placement?.Tenancy);
    const instanceType = instance.InstanceType ?? 'unknown';
    const state = instance.State?.Name ?? 'unknown';
    const publicIp = instance.PublicIpAddress && !elasticIps.has(instance.PublicIpAddress) ? instance.PublicIpAddress : undefined;
    instances.push(
      compact<InventoryInstance>({
        region,
        instanceId,
        name: nameOf(instance.Tags),
        instanceType,
        state,
        az: instance.Placement?.AvailabilityZone ?? '',
        platform: decision.platform,
        platformSource: decision.source,
        tenancy,
        launchTime: iso(instance.LaunchTime),
        stoppedSince: state === 'stopped' ? stoppedSinceFrom(instance.StateTransitionReason) : undefined,
        vcpu: vcpuOf(instance),
        publicIp,
        scheduleTagValue: tagValue(instance.Tags, options.scheduleTagKey),
        volumeIds: (instance.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : [])).sort(),
        priceKeyId: withId(instancePriceKey({ region, instanceType, platform: decision.platform, tenancy })).id,
      }),
    );
  }

  const volumes: InventoryVolume[] = [];
  for (const volume of resources.volumes) {
    const attachedTo = attachedInstance(volume);
    if (attachedTo !== undefined && excludedIds.has(attachedTo)) continue;
    volumes.push(
      compact<InventoryVolume>({
        region,
        volumeId: volume.VolumeId ?? '',
        name: nameOf(volume.Tags),
        volumeType: volume.VolumeType ?? 'unknown',
        sizeGiB: volume.Size ?? 0,
        iops: volume.Iops,
        throughputMiBps: volume.Throughput,
        state: volume.State ?? 'unknown',
        az: volume.AvailabilityZone ?? '',
        attachedTo,
        createTime: iso(volume.CreateTime),
      }),
    );
  }
  for (const entry of excluded) {
    const left = resources.volumes.filter((v) => attachedInstance(v) === entry.instanceId).length;
    if (left > 0) entry.reason += `; its ${left} attached volume(s) are left out too`;
  }

  const addresses: InventoryAddress[] = resources.addresses.map((address: Address) =>
    compact<InventoryAddress>({
      region,
      publicIp: address.PublicIp ?? '',
      kind: 'elastic',
      allocationId: address.AllocationId || undefined,
      // An unassociated Elastic IP comes back with InstanceId '' (moto) or without it (AWS).
      instanceId: address.InstanceId || undefined,
      associated: Boolean(address.AssociationId || address.InstanceId || address.NetworkInterfaceId),
    }),
  );
  for (const instance of instances) {
    if (instance.publicIp) {
      addresses.push({ region, publicIp: instance.publicIp, kind: 'instance', instanceId: instance.instanceId, associated: true });
    }
  }

  const snapshots: InventorySnapshot[] = resources.snapshots.map((snapshot: Snapshot) =>
    compact<InventorySnapshot>({
      region,
      snapshotId: snapshot.SnapshotId ?? '',
      volumeId: snapshot.VolumeId || undefined,
      volumeSizeGiB: snapshot.VolumeSize ?? 0,
      startTime: iso(snapshot.StartTime),
      description: snapshot.Description || undefined,
    }),
  );

  return {
    instances: instances.sort(byId((i) => i.instanceId)),
    volumes: volumes.sort(byId((v) => v.volumeId)),
    addresses: addresses.sort(byId((a) => `${a.kind}|${a.publicIp}`)),
    snapshots: snapshots.sort(byId((s) => s.snapshotId)),
    excluded: excluded.sort(byId((e) => e.instanceId)),
    warnings,
  };
}

function attachedInstance(volume: Volume): string | undefined {
  return volume.Attachments?.find((a) => a.InstanceId)?.InstanceId;
}

/** Every distinct thing the report must price, each once, sorted by id so the output is stable. */
export function uniquePriceKeys(inventory: RegionInventory): PriceKey[] {
  const keys = new Map<string, PriceKey>();
  const add = (fields: PriceKeyFields): void => {
    const key = withId(fields);
    keys.set(key.id, key);
  };

  for (const instance of inventory.instances) {
    add(instancePriceKey(instance));
  }
  for (const volume of inventory.volumes) {
    const { region, volumeType } = volume;
    add({ kind: 'ebs-storage', region, volumeType });
    if (PROVISIONED_IOPS_TYPES.has(volumeType) || (volumeType === 'gp3' && (volume.iops ?? 0) > GP3_FREE_IOPS)) {
      add({ kind: 'ebs-iops', region, volumeType });
    }
    if (volumeType === 'gp3' && (volume.throughputMiBps ?? 0) > GP3_FREE_THROUGHPUT_MIBPS) {
      add({ kind: 'ebs-throughput', region, volumeType });
    }
  }
  for (const snapshot of inventory.snapshots) add({ kind: 'snapshot', region: snapshot.region });
  for (const address of inventory.addresses) {
    add({ kind: 'ipv4', region: address.region, usage: address.associated ? 'InUse' : 'Idle' });
  }
  return [...keys.values()].sort(byId((k) => k.id));
}
