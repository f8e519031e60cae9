/**
 * Dedicated Hosts: billed per host-hour while allocated, whatever runs on them (the instances on a
 * host read $0 in the Price List). Every page of DescribeHosts, and which instances run on each.
 */
import { paginateDescribeHosts, type EC2Client, type Host } from '@aws-sdk/client-ec2';
import type { InventoryHost, InventoryInstance } from '../shared/cost-types';
import { allItems } from '../shared/pages';
import { instanceFamilyOf } from '../shared/price-keys';

// DescribeHosts takes MaxResults from 5 to 500.
const MIN_HOST_PAGE = 5;
const MAX_HOST_PAGE = 500;
/** A released host is no longer billed; DescribeHosts still lists it for a while. */
const RELEASED_STATES = new Set(['released', 'released-permanent-failure']);

export function describeHosts(ec2: EC2Client, region: string, pageSize: number): Promise<Host[]> {
  const size = Math.min(Math.max(pageSize, MIN_HOST_PAGE), MAX_HOST_PAGE);
  return allItems(`DescribeHosts in ${region}`, paginateDescribeHosts({ client: ec2, pageSize: size }, {}), (page) => page.Hosts ?? []);
}

/** The billed hosts of a region, each with the instances on it (as the host lists them, and as the instances name it). */
export function assembleHosts(region: string, hosts: readonly Host[], instances: readonly InventoryInstance[]): InventoryHost[] {
  return hosts
    .filter((host) => !RELEASED_STATES.has(host.State ?? ''))
    .map((host) => {
      const hostId = host.HostId ?? '';
      const listed = (host.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : []));
      const naming = instances.filter((i) => i.hostId === hostId).map((i) => i.instanceId);
      const { InstanceFamily, InstanceType } = host.HostProperties ?? {};
      return {
        region,
        hostId,
        // A host allocated for one instance type reports the type, not always the family.
        instanceFamily: InstanceFamily ?? (InstanceType ? instanceFamilyOf(InstanceType) : 'unknown'),
        state: host.State ?? 'unknown',
        az: host.AvailabilityZone ?? '',
        instanceIds: [...new Set([...listed, ...naming])].sort(),
      };
    })
    .sort((a, b) => a.hostId.localeCompare(b.hostId));
}
