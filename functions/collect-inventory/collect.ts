/**
 * CollectInventory, in one target's child execution: reaches the account (or finds it cannot),
 * reads everything the cost report prices in that region, stores the target's inventory in the
 * run's folder in S3 and returns only where it is and its counts (payloads stay small whatever the
 * fleet's size). A target that cannot be reached (role missing or refusing, region not enabled)
 * is a result of its own, never a failure of the report. Cost Explorer is read once for the run,
 * in the hub (MergeInventories), never here.
 */
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { BackupClient } from '@aws-sdk/client-backup';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Inventory, TargetCollectResult, TargetCollectRun } from '../shared/cost-types';
import { awsErrorCode } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import { reportRunKeys } from '../shared/report-keys';
import { inventoryCounts } from '../shared/report-inventory';
import type { TargetAccess } from '../shared/target-access';
import { isUnreachable, targetLabel } from '../shared/targets';
import { tagValue } from '../shared/tags';
import { collectRegionBackups } from './backups';
import { withAuroraUsage } from './aurora-usage';
import { withCpuCredits } from './cpu-credits';
import { collectDatabases } from './databases';
import { describeRegion } from './describe';
import { collectGroups } from './groups';
import { assembleHosts, describeHosts } from './hosts';
import { assembleRegion } from './inventory';
import { scheduledSpotRequestTypes, spotPrices } from './spot';
import type { InventoryStore } from './store';

export interface CollectDeps {
  clientsFor: TargetAccess['clientsFor'];
  store: InventoryStore;
  workPrefix: string;
  scheduleTagKey: string;
  pageSize: number;
  now(): Date;
  log: DecisionLog;
}

/** One region of one account, read with that account's clients. */
export async function collectRegion(
  region: string,
  clients: { ec2: EC2Client; backup: BackupClient; rds?: RDSClient; autoScaling?: AutoScalingClient; cloudWatch?: CloudWatchClient },
  deps: Pick<CollectDeps, 'scheduleTagKey' | 'pageSize' | 'now' | 'log'> & { where?: string },
): Promise<Omit<Inventory, 'billed' | 'collectedAt' | 'reportDate' | 'regions'>> {
  const where = deps.where ?? region;
  const { ec2 } = clients;
  const resources = await describeRegion(ec2, region, deps.pageSize);
  const spot = await scheduledSpotRequestTypes(ec2, region, resources.instances, (i) => tagValue(i.Tags, deps.scheduleTagKey) !== undefined);
  if (spot.warning) deps.log.warn('spot request types', { where, warning: spot.warning });
  const part = assembleRegion(region, resources, { scheduleTagKey: deps.scheduleTagKey, spotRequestTypes: spot.types });
  const hosts = assembleHosts(region, await describeHosts(ec2, region, deps.pageSize), part.instances);
  const prices = await spotPrices(ec2, part.instances, deps.now());
  for (const { instanceId, warning } of part.warnings) deps.log.warn('platform detection', { where, instanceId, warning });
  for (const { instanceId, reason } of part.excluded) deps.log.info('excluded instance', { where, instanceId, reason });
  const backups = await collectRegionBackups(region, resources, { backupFor: () => clients.backup, ec2For: () => ec2, now: deps.now, log: deps.log });
  const collected = await collectDatabases(clients.rds, region, { scheduleTagKey: deps.scheduleTagKey, where, log: deps.log });
  const { readError } = collected;
  const databases = await withAuroraUsage(clients.cloudWatch, collected.databases, { now: deps.now(), where, log: deps.log });
  const instances = await withCpuCredits({ cloudWatch: clients.cloudWatch, ec2 }, part.instances, { now: deps.now(), where, log: deps.log });
  const groups = await collectGroups(clients.autoScaling, region, { scheduleTagKey: deps.scheduleTagKey, where, log: deps.log });
  deps.log.info('collected region inventory', {
    where,
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
  const { warnings: _warnings, ...inventory } = part;
  return {
    ...inventory,
    instances,
    hosts,
    spotPrices: prices,
    backups,
    databases,
    ...(readError ? { databaseNotes: [readError] } : {}),
    autoScalingGroups: groups.groups,
    ...(groups.readError ? { autoScalingGroupNotes: [groups.readError] } : {}),
  };
}

export async function collectTarget(run: TargetCollectRun, deps: CollectDeps): Promise<TargetCollectResult> {
  const where = targetLabel(run.target);
  let part;
  try {
    const clients = await deps.clientsFor(run.target, run);
    if (!clients.backup) throw new Error('collect-inventory needs target clients with AWS Backup (reportTargetAccess)');
    part = await collectRegion(run.target.region, { ec2: clients.ec2, backup: clients.backup, rds: clients.rds, autoScaling: clients.autoScaling, cloudWatch: clients.cloudWatch }, { ...deps, where });
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    deps.log.warn('target unreachable', { where, errorCode: awsErrorCode(error), reason: message });
    return { target: run.target, status: 'unreachable', error: { Error: awsErrorCode(error), Cause: message } };
  }
  const inventory: Inventory = {
    collectedAt: deps.now().toISOString(),
    reportDate: run.reportDate,
    regions: [run.target.region],
    ...part,
  };
  const key = reportRunKeys(deps.workPrefix, run.executionName).targetInventory(run.target);
  await deps.store.putJson(key, inventory);
  deps.log.info('stored target inventory', { where, inventoryKey: key });
  return {
    target: run.target,
    status: 'collected',
    inventoryKey: key,
    counts: inventoryCounts(inventory),
  };
}
