/**
 * Bulk seeding for the benchmarks: N instances in one region of an emulated account, fast enough
 * that 5,000 + 5,000 fit in the bench's time budget on a 2-core machine.
 *
 * moto pages DescribeInstances by *reservation*, AWS by instance. So instances are launched in
 * reservations of `reservationSize` and the bench sets the page size to 500 / reservationSize:
 * the number of DescribeInstances pages then equals what AWS returns at the default page size of
 * 500 instances, while seeding needs `reservationSize` times fewer RunInstances calls.
 */
import { RunInstancesCommand, type EC2Client, type Tag, type _InstanceType, type VolumeType } from '@aws-sdk/client-ec2';

/** The 12 instance types the local Price List fixtures price in both regions. */
export const PRICED_INSTANCE_TYPES = [
  't3.micro', 't3.small', 't3.medium', 't3.large', 'm5.large', 'm5.xlarge',
  'm6i.large', 'c5.large', 'c5.xlarge', 'c6i.xlarge', 'r5.large', 'r6i.large',
] as const;
/** moto has no PlatformDetails: the `Platform` tag sets the licence, as DESIGN.md allows. */
export const BENCH_PLATFORMS = ['Linux', 'Windows', 'Windows+SQLStd'] as const;
/**
 * With a block device mapping moto creates only the mapped volume, so each seeded instance has one
 * volume, its type cycling through these four (moto does not refuse st1/sc1 where AWS would).
 */
export const DATA_VOLUMES: readonly { type: VolumeType; sizeGiB: number }[] = [
  { type: 'gp2', sizeGiB: 50 },
  { type: 'gp3', sizeGiB: 100 },
  { type: 'st1', sizeGiB: 500 },
  { type: 'sc1', sizeGiB: 1000 },
];
export const VOLUME_TYPES = DATA_VOLUMES.map((v) => v.type);
export const AWS_DEFAULT_PAGE = 500;

export interface FleetSpec {
  region: string;
  count: number;
  namePrefix: string;
  /** Instances per RunInstances call (one reservation); 500 must be a multiple of it. */
  reservationSize: number;
  /** Extra tags on every instance, e.g. the opt-in tag. */
  tags?: Record<string, string>;
  /** Vary type × platform × data volume per reservation (priced fleet), or launch plain t3.micro. */
  varied: boolean;
  concurrency: number;
}

export interface SeededFleet {
  instances: number;
  runInstancesCalls: number;
  /** Distinct (type, platform) pairs and volume types launched: what the Pricing calls should match. */
  instanceCombos: number;
  volumeTypes: number;
  seconds: number;
}

export function describePageSizeFor(reservationSize: number): number {
  if (AWS_DEFAULT_PAGE % reservationSize !== 0) throw new Error(`reservation size ${reservationSize} does not divide ${AWS_DEFAULT_PAGE}`);
  return AWS_DEFAULT_PAGE / reservationSize;
}

async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

function tagList(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Which (type, platform, data volume) reservation `index` gets: every combination appears once per 36. */
export function comboOf(index: number): { instanceType: string; platform: string; dataVolume: (typeof DATA_VOLUMES)[number] } {
  const pair = index % (PRICED_INSTANCE_TYPES.length * BENCH_PLATFORMS.length);
  return {
    instanceType: PRICED_INSTANCE_TYPES[pair % PRICED_INSTANCE_TYPES.length]!,
    platform: BENCH_PLATFORMS[Math.floor(pair / PRICED_INSTANCE_TYPES.length)]!,
    dataVolume: DATA_VOLUMES[index % DATA_VOLUMES.length]!,
  };
}

export async function seedFleet(ec2: EC2Client, spec: FleetSpec): Promise<SeededFleet> {
  const started = Date.now();
  const reservations = Math.ceil(spec.count / spec.reservationSize);
  const combos = new Set<string>();
  const volumeTypes = new Set<string>();
  for (let index = 0; index < reservations && spec.varied; index += 1) {
    const combo = comboOf(index);
    combos.add(`${combo.instanceType}|${combo.platform}`);
    volumeTypes.add(combo.dataVolume.type);
  }
  await inParallel(reservations, spec.concurrency, async (index) => {
    const size = Math.min(spec.reservationSize, spec.count - index * spec.reservationSize);
    const combo = comboOf(index);
    const tags: Record<string, string> = { Name: `${spec.namePrefix}-${index}`, ...spec.tags };
    if (spec.varied) tags.Platform = combo.platform;
    await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12345678',
        MinCount: size,
        MaxCount: size,
        InstanceType: (spec.varied ? combo.instanceType : 't3.micro') as _InstanceType,
        Placement: { AvailabilityZone: `${spec.region}a` },
        BlockDeviceMappings: spec.varied
          ? [{ DeviceName: '/dev/sda1', Ebs: { VolumeType: combo.dataVolume.type, VolumeSize: combo.dataVolume.sizeGiB, DeleteOnTermination: true } }]
          : undefined,
        TagSpecifications: [{ ResourceType: 'instance', Tags: tagList(tags) }],
      }),
    );
  });
  return {
    instances: spec.count,
    runInstancesCalls: reservations,
    instanceCombos: combos.size,
    volumeTypes: spec.varied ? volumeTypes.size : 0,
    seconds: (Date.now() - started) / 1000,
  };
}
