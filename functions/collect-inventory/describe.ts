/**
 * Reads everything the cost report prices in one region, every page of it: instances that can
 * still cost money, volumes (attached or not), Elastic IPs and the account's own snapshots.
 */
import {
  DescribeAddressesCommand,
  paginateDescribeInstances,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
  type Address,
  type EC2Client,
  type Instance,
  type Snapshot,
  type Volume,
} from '@aws-sdk/client-ec2';
import { asStepError } from '../shared/errors';
import { allItems, instancesOf } from '../shared/pages';

export interface RegionResources {
  instances: Instance[];
  volumes: Volume[];
  addresses: Address[];
  snapshots: Snapshot[];
}

// Terminated and shutting-down instances no longer bill compute; their volumes, if kept, are listed as volumes.
const BILLABLE_INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped'];
// EC2's upper bound for DescribeVolumes (DescribeInstances and DescribeSnapshots accept 1,000).
const MAX_VOLUME_PAGE = 500;

export async function describeRegion(ec2: EC2Client, region: string, pageSize: number): Promise<RegionResources> {
  const instances = await allItems(
    `DescribeInstances in ${region}`,
    paginateDescribeInstances({ client: ec2, pageSize }, { Filters: [{ Name: 'instance-state-name', Values: BILLABLE_INSTANCE_STATES }] }),
    instancesOf,
  );
  const volumes = await allItems(
    `DescribeVolumes in ${region}`,
    paginateDescribeVolumes({ client: ec2, pageSize: Math.min(pageSize, MAX_VOLUME_PAGE) }, {}),
    (page) => page.Volumes ?? [],
  );
  // DescribeAddresses has no pagination: one call returns every Elastic IP of the region.
  let addresses: Address[];
  try {
    addresses = (await ec2.send(new DescribeAddressesCommand({}))).Addresses ?? [];
  } catch (error) {
    throw asStepError(error, `DescribeAddresses in ${region}`);
  }
  const snapshots = await allItems(
    `DescribeSnapshots in ${region}`,
    paginateDescribeSnapshots({ client: ec2, pageSize }, { OwnerIds: ['self'] }),
    (page) => page.Snapshots ?? [],
  );
  return { instances, volumes, addresses, snapshots };
}
