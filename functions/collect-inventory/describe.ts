/**
 * Reads everything the cost report prices in one region, every page of it: instances that can
 * still cost money, volumes (attached or not), Elastic IPs and the account's own snapshots.
 */
import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  type Address,
  type EC2Client,
  type Instance,
  type Snapshot,
  type Volume,
} from '@aws-sdk/client-ec2';
import { asStepError } from '../shared/errors';

export type Ec2Port = Pick<EC2Client, 'send'>;

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

async function allPages<Page extends { NextToken?: string }, Item>(
  what: string,
  fetchPage: (nextToken: string | undefined) => Promise<Page>,
  itemsOf: (page: Page) => Item[],
): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    let page: Page;
    try {
      page = await fetchPage(nextToken);
    } catch (error) {
      throw asStepError(error, what);
    }
    items.push(...itemsOf(page));
    nextToken = page.NextToken;
  } while (nextToken);
  return items;
}

export async function describeRegion(ec2: Ec2Port, region: string, pageSize: number): Promise<RegionResources> {
  const instances = await allPages(
    `DescribeInstances in ${region}`,
    (NextToken) =>
      ec2.send(
        new DescribeInstancesCommand({
          Filters: [{ Name: 'instance-state-name', Values: BILLABLE_INSTANCE_STATES }],
          MaxResults: pageSize,
          NextToken,
        }),
      ),
    (page) => (page.Reservations ?? []).flatMap((r) => r.Instances ?? []),
  );
  const volumes = await allPages(
    `DescribeVolumes in ${region}`,
    (NextToken) => ec2.send(new DescribeVolumesCommand({ MaxResults: Math.min(pageSize, MAX_VOLUME_PAGE), NextToken })),
    (page) => page.Volumes ?? [],
  );
  // DescribeAddresses has no pagination: one call returns every Elastic IP of the region.
  let addresses: Address[];
  try {
    addresses = (await ec2.send(new DescribeAddressesCommand({}))).Addresses ?? [];
  } catch (error) {
    throw asStepError(error, `DescribeAddresses in ${region}`);
  }
  const snapshots = await allPages(
    `DescribeSnapshots in ${region}`,
    (NextToken) => ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: pageSize, NextToken })),
    (page) => page.Snapshots ?? [],
  );
  return { instances, volumes, addresses, snapshots };
}
