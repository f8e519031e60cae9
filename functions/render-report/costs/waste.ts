/**
 * Waste: what is paid for and used by nothing (unattached volumes, idle Elastic IPs, the disks of
 * instances stopped for long, Dedicated Hosts with no instance). Already inside the totals: this is
 * what deleting or releasing saves.
 */
import type { Cost } from '../../shared/cost-math';
import type { AddressRow } from './addresses';
import type { DedicatedRow } from './dedicated';
import type { InstanceRow } from './instances';
import type { VolumeRow } from './volumes';

/** Instances stopped longer than this keep paying for disks nobody uses: listed as waste. */
export const LONG_STOPPED_DAYS = 7;

/** A risk row (backups.ts) comes first and costs nothing: an instance tagged for backup that no restore point can bring back. */
export const BACKUP_RISK_KIND = 'Tagged for backup, no restore point';

export type WasteKind = 'Unattached volume' | 'Idle Elastic IP' | 'Long-stopped instance' | 'Empty Dedicated Host' | typeof BACKUP_RISK_KIND;

export interface WasteRow {
  /** The account it is in (absent in inventories collected before targets). */
  accountId?: string;
  kind: WasteKind;
  id: string;
  region: string;
  detail: string;
  /** Absent for a risk, which is not paid for. */
  monthly?: Cost;
}

export interface WasteInputs {
  volumes: readonly VolumeRow[];
  addresses: readonly AddressRow[];
  instances: readonly InstanceRow[];
  dedicated: readonly DedicatedRow[];
}

export function wasteRows({ volumes, addresses, instances, dedicated }: WasteInputs): WasteRow[] {
  return [
    ...volumes
      .filter((row) => !row.volume.attachedTo)
      .map((row) => ({
        accountId: row.volume.accountId,
        kind: 'Unattached volume' as const,
        id: row.volume.volumeId,
        region: row.volume.region,
        detail: `${row.volume.volumeType} ${row.volume.sizeGiB} GiB, ${row.volume.state}${row.volume.name ? `, ${row.volume.name}` : ''}`,
        monthly: row.cost.total,
      })),
    ...addresses
      .filter((row) => row.address.kind === 'elastic' && !row.address.associated)
      .map((row) => ({
        accountId: row.address.accountId,
        kind: 'Idle Elastic IP' as const,
        id: row.address.allocationId ?? row.address.publicIp,
        region: row.address.region,
        detail: `${row.address.publicIp} not associated`,
        monthly: row.monthly,
      })),
    ...instances
      .filter((row) => row.stoppedDays !== undefined && row.stoppedDays > LONG_STOPPED_DAYS)
      .map((row) => ({
        accountId: row.instance.accountId,
        kind: 'Long-stopped instance' as const,
        id: row.instance.instanceId,
        region: row.instance.region,
        detail: `stopped ${Math.floor(row.stoppedDays ?? 0)} days${row.instance.name ? `, ${row.instance.name}` : ''}; ${row.volumeIds.length} volume(s), ${row.volumeSizeGiB} GiB still billed`,
        monthly: row.ebsMonthly,
      })),
    ...dedicated
      .filter((row) => row.kind === 'Dedicated Host' && row.instanceIds.length === 0)
      .map((row) => ({
        accountId: row.accountId,
        kind: 'Empty Dedicated Host' as const,
        id: row.id,
        region: row.region,
        detail: `${row.instanceFamily ?? ''} host in ${row.az ?? row.region} with no instance, billed until released`,
        monthly: row.monthly,
      })),
  ];
}
