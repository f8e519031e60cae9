/**
 * One cost report over many targets: each target's inventory is collected in its own child
 * execution; MergeInventories joins them into the one inventory the report prices, each item
 * stamped with its account, and derives the price keys it needs, each once for every account
 * (a price depends on region and product, never on the account).
 */
import { mergeVolumeBackups } from './backup-coverage';
import type { InventoryBackups } from './backup-types';
import { withId, type Inventory, type InventoryCounts, type PriceKey, type PriceKeyFields } from './cost-types';
import {
  addressPriceKey,
  cpuCreditPriceKey,
  databasePriceKeys,
  dedicatedFeePriceKey,
  dedicatedHostPriceKey,
  instanceFamilyOf,
  instancePriceKey,
  snapshotPriceKey,
  volumePriceKeys,
} from './price-keys';

type PricedParts = Pick<Inventory, 'instances' | 'volumes' | 'addresses' | 'snapshots' | 'hosts' | 'backups' | 'databases'>;

const byId = (a: PriceKey, b: PriceKey) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every distinct thing the report must price, each once, sorted by id so the output is stable. */
export function uniquePriceKeys(inventory: Omit<PricedParts, 'backups'> & { backups?: InventoryBackups }): PriceKey[] {
  const keys = new Map<string, PriceKey>();
  const add = (fields: PriceKeyFields | undefined): void => {
    if (!fields) return;
    const key = withId(fields);
    keys.set(key.id, key);
  };

  for (const instance of inventory.instances) {
    add(instancePriceKey(instance));
    // An instance on a Dedicated Host is billed through its host (its own item reads $0.000).
    if (instance.tenancy === 'Host') add(dedicatedHostPriceKey(instance.region, instanceFamilyOf(instance.instanceType)));
    if (instance.tenancy === 'Dedicated') add(dedicatedFeePriceKey(instance.region));
    // Surplus CPU credits: only what CloudWatch says was charged is priced.
    // A standard-mode instance is never charged surplus credits: no rate to look up.
    if (instance.cpuCredits?.vcpuHoursMonthly !== undefined && instance.cpuCredits.creditOption !== 'standard') add(cpuCreditPriceKey(instance));
  }
  for (const host of inventory.hosts ?? []) add(dedicatedHostPriceKey(host.region, host.instanceFamily));
  for (const volume of inventory.volumes) {
    const { storage, iops, iopsTier2, iopsTier3, throughput, ioRequests } = volumePriceKeys(volume);
    [storage, iops, iopsTier2, iopsTier3, throughput, ioRequests].forEach(add);
  }
  for (const snapshot of inventory.snapshots) add(snapshotPriceKey(snapshot));
  for (const address of inventory.addresses) add(addressPriceKey(address));
  for (const db of inventory.databases ?? []) {
    const { compute, storage, ioRequests, iops, throughput } = databasePriceKeys(db);
    [compute, storage, ioRequests, iops, throughput].forEach(add);
  }
  // Backup storage: snapshot storage by tier, per region that stores restore points.
  for (const volume of inventory.backups?.volumes ?? []) {
    for (const { region, tier } of volume.storage) add({ kind: tier === 'cold' ? 'snapshot-archive' : 'snapshot', region });
  }
  return [...keys.values()].sort(byId);
}

/** Adds one region's (or one target's) backups to what the others gave. */
export function appendBackups(collected: InventoryBackups | undefined, part: InventoryBackups | undefined): InventoryBackups | undefined {
  if (!collected || !part) return collected ?? part;
  return {
    plans: [...collected.plans, ...part.plans],
    selected: [...collected.selected, ...part.selected],
    volumes: mergeVolumeBackups([...collected.volumes, ...part.volumes]),
    jobs: [...collected.jobs, ...part.jobs],
    notes: [...collected.notes, ...part.notes],
    jobDays: part.jobDays,
  };
}

function stamped<T extends object>(accountId: string, items: readonly T[] | undefined): (T & { accountId: string })[] {
  return (items ?? []).map((item) => ({ accountId, ...item }));
}

/**
 * The targets' inventories as one, in the order given (MergeInventories sorts them by account and
 * region), each resource carrying its account id. A Spot price is keyed by AZ name, type and
 * product: two accounts with Spot instances under the same AZ name share one price (the later
 * target's 7-day average; AZ names map to physical zones per account, whose prices rarely differ).
 */
export function mergeTargetInventories(
  parts: readonly { accountId: string; inventory: Inventory }[],
  run: Pick<Inventory, 'collectedAt' | 'reportDate' | 'regions'>,
): Inventory {
  const merged: Inventory = { ...run, instances: [], volumes: [], addresses: [], snapshots: [], hosts: [], databases: [], spotPrices: [], excluded: [] };
  const spot = new Map<string, NonNullable<Inventory['spotPrices']>[number]>();
  for (const { accountId, inventory } of parts) {
    merged.instances.push(...stamped(accountId, inventory.instances));
    merged.volumes.push(...stamped(accountId, inventory.volumes));
    merged.addresses.push(...stamped(accountId, inventory.addresses));
    merged.snapshots.push(...stamped(accountId, inventory.snapshots));
    merged.hosts!.push(...stamped(accountId, inventory.hosts));
    merged.databases!.push(...stamped(accountId, inventory.databases));
    if (inventory.databaseNotes?.length) merged.databaseNotes = [...(merged.databaseNotes ?? []), ...inventory.databaseNotes];
    if (inventory.autoScalingGroups) merged.autoScalingGroups = [...(merged.autoScalingGroups ?? []), ...stamped(accountId, inventory.autoScalingGroups)];
    if (inventory.autoScalingGroupNotes?.length) merged.autoScalingGroupNotes = [...(merged.autoScalingGroupNotes ?? []), ...inventory.autoScalingGroupNotes];
    merged.excluded.push(...stamped(accountId, inventory.excluded));
    for (const price of inventory.spotPrices ?? []) spot.set(price.id, price);
    const backups = inventory.backups && { ...inventory.backups, jobs: stamped(accountId, inventory.backups.jobs) };
    merged.backups = appendBackups(merged.backups, backups);
  }
  merged.spotPrices = [...spot.values()];
  return merged;
}

/** What the state machine carries of an inventory instead of the inventory itself. */
export function inventoryCounts(inventory: Pick<Inventory, 'instances' | 'volumes' | 'addresses' | 'snapshots' | 'excluded'>): InventoryCounts {
  return {
    instances: inventory.instances.length,
    volumes: inventory.volumes.length,
    addresses: inventory.addresses.length,
    snapshots: inventory.snapshots.length,
    excluded: inventory.excluded.length,
  };
}
