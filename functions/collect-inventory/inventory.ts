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
import { detectPlatform } from '../shared/platform';
import {
  addressPriceKey,
  dedicatedFeePriceKey,
  dedicatedHostPriceKey,
  instanceFamilyOf,
  instancePriceKey,
  purchaseOptionOf,
  snapshotPriceKey,
  spotPriceKey,
  volumePriceKeys,
} from '../shared/price-keys';
import { AUTO_SCALING_GROUP_TAG, scheduleSkipReason } from '../shared/schedule-eligibility';
import { tagValue } from '../shared/tags';
import type { RegionResources } from './describe';

export type RegionInventory = Pick<Inventory, 'instances' | 'volumes' | 'addresses' | 'snapshots' | 'excluded'>;

export interface AssembleOptions {
  /** The opt-in schedule tag key (TAG_KEY); its value is kept so the report can estimate schedule savings. */
  scheduleTagKey: string;
  /** Spot request types (one-time, persistent) by request id: a one-time Spot instance is left alone by the schedule. */
  spotRequestTypes?: ReadonlyMap<string, string>;
}

export interface AssembleResult extends RegionInventory {
  /** Per-instance notes an operator should see in the logs (ignored Platform tag values, ...). */
  warnings: { instanceId: string; warning: string }[];
}

const TENANCY: Readonly<Record<string, Tenancy>> = { default: 'Shared', dedicated: 'Dedicated', host: 'Host' };

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

/** Its EBS volumes that EC2 deletes when the instance is terminated (BlockDeviceMappings[].Ebs.DeleteOnTermination). */
function deletedOnTermination(instance: Instance): string[] {
  return (instance.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId && m.Ebs.DeleteOnTermination === true ? [m.Ebs.VolumeId] : [])).sort();
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
    // The auto-assigned public IPv4 is whatever EC2 reports in PublicIpAddress that is not an Elastic
    // IP. A stopped instance has none, and so brings none to Public_IPv4 or a group's saving: "We
    // release your instance's public IP address when it is stopped, hibernated, or terminated" (EC2
    // User Guide, "Amazon EC2 instance IP addressing"), and DescribeInstances then answers without
    // PublicIpAddress (moto 5.2.1 too: test/integration/collect-inventory.test.ts). An Elastic IP
    // stays associated, and billed, while the instance is stopped.
    const publicIp = instance.PublicIpAddress && !elasticIps.has(instance.PublicIpAddress) ? instance.PublicIpAddress : undefined;
    const licensing = 'platformDetails' in decision ? { platformDetails: decision.platformDetails, usageOperation: decision.usageOperation } : {};
    const priced = { region, instanceType, platform: decision.platform, tenancy, ...licensing };
    const az = instance.Placement?.AvailabilityZone ?? '';
    const purchaseOption = purchaseOptionOf(instance.InstanceLifecycle, tenancy);
    const scheduleTag = tagValue(instance.Tags, options.scheduleTagKey);
    instances.push(
      compact<InventoryInstance>({
        region,
        instanceId,
        name: nameOf(instance.Tags),
        instanceType,
        state,
        az,
        platform: decision.platform,
        platformSource: decision.source,
        ...licensing,
        tenancy,
        launchTime: iso(instance.LaunchTime),
        stoppedSince: state === 'stopped' ? stoppedSinceFrom(instance.StateTransitionReason) : undefined,
        vcpu: vcpuOf(instance),
        publicIp,
        scheduleTagValue: scheduleTag,
        scheduleSkipReason: scheduleTag === undefined ? undefined : scheduleSkipReason(instance, options.spotRequestTypes?.get(instance.SpotInstanceRequestId ?? '')),
        volumeIds: (instance.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : [])).sort(),
        deleteOnTerminationVolumeIds: tagValue(instance.Tags, AUTO_SCALING_GROUP_TAG) === undefined ? undefined : deletedOnTermination(instance),
        priceKeyId: withId(instancePriceKey(priced)).id,
        purchaseOption,
        hostId: instance.Placement?.HostId || undefined,
        spotPriceId: purchaseOption === 'Spot' ? spotPriceKey({ region, az, instanceType, platform: decision.platform }).id : undefined,
      }),
    );
  }

  const volumes: InventoryVolume[] = [];
  for (const volume of resources.volumes) {
    const [attachedTo, ...alsoAttachedTo] = attachedInstances(volume);
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
        alsoAttachedTo: alsoAttachedTo.length > 0 ? alsoAttachedTo : undefined,
        createTime: iso(volume.CreateTime),
      }),
    );
  }
  for (const entry of excluded) {
    const left = resources.volumes.filter((v) => attachedInstances(v)[0] === entry.instanceId).length;
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
      storageTier: snapshot.StorageTier === 'archive' ? 'archive' : undefined,
      fullSnapshotSizeBytes: snapshot.FullSnapshotSizeInBytes,
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

/**
 * The instances a volume is attached to, first attached first (AttachTime, then EC2's order): a
 * multi-attach io1/io2 volume is billed once, and the report charges it to the first.
 */
function attachedInstances(volume: Volume): string[] {
  const attachments = (volume.Attachments ?? []).flatMap((a, index) =>
    a.InstanceId ? [{ instanceId: a.InstanceId, at: a.AttachTime ? new Date(a.AttachTime).getTime() : Number.POSITIVE_INFINITY, index }] : [],
  );
  attachments.sort((a, b) => a.at - b.at || a.index - b.index);
  return [...new Set(attachments.map((a) => a.instanceId))];
}
