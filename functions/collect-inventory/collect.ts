/**
 * Collects the inventory of every requested region, stores it in S3 and returns only what the
 * state machine needs next: the inventory's key and the unique price keys (payloads stay small
 * whatever the fleet's size).
 */
import type { BackupClient } from '@aws-sdk/client-backup';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { CollectResult, Inventory } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { tagValue } from '../shared/tags';
import { addBackupPriceKeys, appendBackups, collectRegionBackups } from './backups';
import { billedCosts } from './billed';
import { describeRegion } from './describe';
import { assembleHosts, describeHosts } from './hosts';
import { assembleRegion, uniquePriceKeys } from './inventory';
import { scheduledSpotRequestTypes, spotPrices } from './spot';
import type { CostReportRequest } from './request';
import { inventoryKey, type InventoryStore } from './store';

export interface CollectDeps {
  ec2For(region: string): EC2Client;
  backupFor(region: string): BackupClient;
  store: InventoryStore;
  workPrefix: string;
  scheduleTagKey: string;
  pageSize: number;
  /** Cost Explorer, or undefined when reading what was billed is turned off (ENABLE_COST_EXPLORER=false). */
  costExplorer?: Pick<CostExplorerClient, 'send'>;
  now(): Date;
  log: DecisionLog;
}

export async function collectInventory(
  request: CostReportRequest & { executionName: string },
  deps: CollectDeps,
): Promise<CollectResult> {
  const inventory: Inventory = {
    collectedAt: deps.now().toISOString(),
    reportDate: request.reportDate,
    regions: request.regions,
    instances: [],
    volumes: [],
    addresses: [],
    snapshots: [],
    hosts: [],
    spotPrices: [],
    excluded: [],
  };

  for (const region of request.regions) {
    const ec2 = deps.ec2For(region);
    const resources = await describeRegion(ec2, region, deps.pageSize);
    const spot = await scheduledSpotRequestTypes(ec2, region, resources.instances, (i) => tagValue(i.Tags, deps.scheduleTagKey) !== undefined);
    if (spot.warning) deps.log.warn('spot request types', { region, warning: spot.warning });
    const part = assembleRegion(region, resources, { scheduleTagKey: deps.scheduleTagKey, spotRequestTypes: spot.types });
    const hosts = assembleHosts(region, await describeHosts(ec2, region, deps.pageSize), part.instances);
    inventory.hosts?.push(...hosts);
    inventory.spotPrices?.push(...(await spotPrices(ec2, part.instances, deps.now())));
    for (const { instanceId, warning } of part.warnings) deps.log.warn('platform detection', { region, instanceId, warning });
    for (const { instanceId, reason } of part.excluded) deps.log.info('excluded instance', { region, instanceId, reason });
    inventory.instances.push(...part.instances);
    inventory.volumes.push(...part.volumes);
    inventory.addresses.push(...part.addresses);
    inventory.snapshots.push(...part.snapshots);
    inventory.excluded.push(...part.excluded);
    inventory.backups = appendBackups(inventory.backups, await collectRegionBackups(region, resources, deps));
    deps.log.info('collected region inventory', {
      region,
      instances: part.instances.length,
      volumes: part.volumes.length,
      unattachedVolumes: part.volumes.filter((v) => v.attachedTo === undefined).length,
      addresses: part.addresses.length,
      idleAddresses: part.addresses.filter((a) => !a.associated).length,
      snapshots: part.snapshots.length,
      hosts: hosts.length,
      spotInstances: part.instances.filter((i) => i.purchaseOption === 'Spot').length,
      excluded: part.excluded.length,
    });
  }
  inventory.billed = deps.costExplorer ? await billedCosts(deps.costExplorer, request) : { status: 'off' };
  if (inventory.billed.status === 'unavailable') deps.log.warn('Cost Explorer unavailable', { code: inventory.billed.code, reason: inventory.billed.reason });

  const key = inventoryKey(deps.workPrefix, request.executionName);
  await deps.store.putJson(key, inventory);
  const priceKeys = addBackupPriceKeys(uniquePriceKeys(inventory), inventory.backups);
  deps.log.info('stored inventory', { inventoryKey: key, priceKeys: priceKeys.length });
  return {
    executionName: request.executionName,
    reportDate: request.reportDate,
    regions: request.regions,
    inventoryKey: key,
    priceKeys,
    counts: {
      instances: inventory.instances.length,
      volumes: inventory.volumes.length,
      addresses: inventory.addresses.length,
      snapshots: inventory.snapshots.length,
      excluded: inventory.excluded.length,
    },
  };
}
