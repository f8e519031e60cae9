/**
 * Collects the inventory of every requested region, stores it in S3 and returns only what the
 * state machine needs next: the inventory's key and the unique price keys (payloads stay small
 * whatever the fleet's size).
 */
import type { BackupClient } from '@aws-sdk/client-backup';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { CollectResult, Inventory } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { addBackupPriceKeys, appendBackups, collectRegionBackups } from './backups';
import { describeRegion } from './describe';
import { assembleRegion, uniquePriceKeys } from './inventory';
import type { CostReportRequest } from './request';
import { inventoryKey, type InventoryStore } from './store';

export interface CollectDeps {
  ec2For(region: string): EC2Client;
  backupFor(region: string): BackupClient;
  store: InventoryStore;
  workPrefix: string;
  scheduleTagKey: string;
  pageSize: number;
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
    excluded: [],
  };

  for (const region of request.regions) {
    const resources = await describeRegion(deps.ec2For(region), region, deps.pageSize);
    const part = assembleRegion(region, resources, { scheduleTagKey: deps.scheduleTagKey });
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
      excluded: part.excluded.length,
    });
  }

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
