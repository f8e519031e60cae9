/** Test harness only: inventory items as collect-inventory records them, for the tests that compute the report from a hand-made inventory. */
import { priceKeyId, type Inventory, type InventoryInstance, type InventoryVolume, type Tenancy } from '../../functions/shared/cost-types';

/** The price key of a Linux instance type, as collect-inventory writes it. */
export function ec2PriceKey(region: string, instanceType: string, tenancy: Tenancy = 'Shared'): string {
  return priceKeyId({ kind: 'ec2', region, instanceType, operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy });
}

/** A running On-Demand t3.medium Linux instance unless `fields` say otherwise (its price key follows its type and tenancy). */
export function inventoryInstance(region: string, id: string, fields: Partial<InventoryInstance> = {}): InventoryInstance {
  return {
    region,
    instanceId: id,
    name: id,
    instanceType: 't3.medium',
    state: 'running',
    az: `${region}a`,
    platform: 'Linux',
    platformSource: 'PlatformDetails',
    tenancy: 'Shared',
    volumeIds: [],
    priceKeyId: ec2PriceKey(region, fields.instanceType ?? 't3.medium', fields.tenancy ?? 'Shared'),
    purchaseOption: 'On-Demand',
    ...fields,
  };
}

/** An 8 GB gp2 volume in use unless `fields` say otherwise. */
export function inventoryVolume(region: string, id: string, fields: Partial<InventoryVolume> = {}): InventoryVolume {
  return { region, volumeId: id, name: '', volumeType: 'gp2', sizeGiB: 8, state: 'in-use', az: `${region}a`, ...fields };
}

/** An inventory of one region collected on Monday 2026-11-23 (the report date), with `parts`. */
export function inventoryOf(region: string, parts: Partial<Inventory>): Inventory {
  return { collectedAt: '2026-11-23T00:30:00Z', reportDate: '2026-11-23', regions: [region], instances: [], volumes: [], addresses: [], snapshots: [], excluded: [], ...parts };
}
