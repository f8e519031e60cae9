/**
 * `make bench`: shows that what the workflows cost grows with what is unique (price keys) and with
 * ceil(N/batch), not with N. Starts a private local stack (moto + the local Pricing endpoint on
 * their own ports), and for each fleet size N, in a fresh emulated account:
 *   1. seeds N instances tagged AutoStopStart=Yes (12 types × 3 platforms, a gp2 root and a
 *      gp3/st1/sc1 data volume each) and runs the cost report over them;
 *   2. adds N untagged instances and runs power-schedule stop over the 2N.
 * Then power-schedule over many targets (500 accounts × 4 regions × 50 instances, and 5 × 2 ×
 * 10,000) against a fake EC2/STS/Organizations at the SDK's endpoints (bench/lib/fake-fleet.ts:
 * moto cannot hold 100,000 instances) with S3 on moto, counting history events per execution and
 * billed transitions (bench/lib/history-events.ts), and the cost report over the same shapes (its two
 * Distributed Maps' children, MergeInventories' time and memory, the price-key children). Then renders the report alone at 10,000 and
 * 50,000 synthetic instances, and measures each built bundle. Every scenario runs in its own Node process (its own peak RSS). Counts come from
 * the emulators (a counting proxy in front of moto, the Pricing endpoint's counter) and from the
 * local executor's event log. Prints one table; writes bench/results/latest.json.
 *
 * BENCH_SIZES=100,1000, BENCH_TARGET_SHAPES=20x2x50 (accounts x regions x instances; the cost
 * report's shapes are BENCH_COST_TARGET_SHAPES, the same by default) and BENCH_RENDER_SIZES=10000
 * shrink a run while developing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startAwsProxy, type AwsProxy } from '../test/support/aws-proxy';
import type { CollectResult, RenderResult } from '../functions/shared/cost-types';
import type { RunSummary } from '../functions/shared/power-types';
import {
  BENCH_STACK,
  MOTO_URL,
  PRICING_URL,
  REPO_ROOT,
  countAwsCalls,
  readPricingCounters,
  resetPricingCounters,
  stack,
} from './lib/emulators';
import { builtFunctions, measureBundle, runScenario } from './lib/measure';
import {
  LIMITS,
  checkTargets,
  memoryAdded,
  powerTransitionLimit,
  renderTable,
  type BenchResults,
  type BundleFigures,
  type CostFigures,
  type CostTargetFigures,
  type ManyTargetsFigures,
  type PowerFigures,
  type RenderFigures,
  type RunFigures,
  type SeedingFigures,
  type TargetFigures,
} from './lib/results';
import { writeRenderInput, type RenderMeasurement, type WorkflowMeasurement } from './lib/scenario';
import { describePageSizeFor, seedFleet, VOLUME_TYPES } from './lib/seed-bulk';
import { FAKE_ROOT, startFakeFleet, type FakeFleet } from './lib/fake-fleet';
import './xlsx-charts'; // runs after everything below: native charts on a 50,000-row workbook

const REGION = 'ap-northeast-2';
const REPORT_DATE = '2026-11-23';
const TAG = { key: 'AutoStopStart', value: 'Yes' };
const SEED_CONCURRENCY = 6;
const IMPORT_SAMPLES = 5;
const RENDER_ZIP = 'render-report';
const WORK_DIR = join(REPO_ROOT, BENCH_STACK.stateDir);
const RESULTS_FILE = join(REPO_ROOT, 'bench', 'results', 'latest.json');
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

function sizes(variable: string, fallback: number[]): number[] {
  const raw = process.env[variable]?.trim();
  return raw ? raw.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0) : fallback;
}

const FLEET_SIZES = sizes('BENCH_SIZES', [100, 1000, 5000]);
type TargetShape = [accounts: number, regions: number, instancesPerTarget: number];
function targetShapes(raw: string | undefined): TargetShape[] {
  return (raw?.trim() || '500x4x50,5x2x10000')
    .split(',')
    .map((shape) => shape.trim().split('x').map(Number) as TargetShape);
}
/** accounts × regions × instances per target: the issue's 2,000 targets of 50, and 10 targets of 10,000. */
const TARGET_SHAPES = targetShapes(process.env.BENCH_TARGET_SHAPES);
const COST_TARGET_SHAPES = targetShapes(process.env.BENCH_COST_TARGET_SHAPES || process.env.BENCH_TARGET_SHAPES);
const TARGET_REGIONS = ['ap-northeast-2', 'us-east-1', 'eu-west-1', 'us-west-2'];
const RENDER_SIZES = sizes('BENCH_RENDER_SIZES', [10_000, 50_000]);
const benchStarted = Date.now();

function progress(text: string): void {
  process.stderr.write(`[bench ${((Date.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s] ${text}\n`);
}

/** Reservations of 1 at N=100 so all 36 type × platform pairs appear; 10 above (see seed-bulk.ts). */
function reservationSizeFor(n: number): number {
  return n <= 100 ? 1 : 10;
}

const toSeconds = (ms: number) => Math.round(ms / 100) / 10;
const toMiB = (kib: number) => Math.round(kib / 1024);

const mapValues = (record: Record<string, number>, f: (v: number) => number) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));

/** What every workflow scenario reports alike, from its measurement. */
function runFigures(m: WorkflowMeasurement): RunFigures {
  return {
    status: m.status,
    error: m.error ? `${m.error}: ${(m.cause ?? '').slice(0, 300)}` : undefined,
    wallSeconds: toSeconds(m.wallMs),
    stageSeconds: mapValues(m.stageMs, toSeconds),
    lambdaSeconds: mapValues(m.lambdaMs, toSeconds),
    peakRssMiB: toMiB(m.maxRssKiB),
    largestStateIo: m.largestStateIo,
  };
}

function workflowEnv(proxy: AwsProxy, bucket: string, pageSize: number): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: proxy.url,
    AWS_ENDPOINT_URL_PRICING: PRICING_URL,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    TARGET_REGIONS: REGION,
    TAG_KEY: TAG.key,
    TAG_VALUE: TAG.value,
    REPORT_BUCKET: bucket,
    REPORT_PREFIX: 'ec2/',
    PRICING_REGION: 'us-east-1',
    REPORT_TIMEZONE: 'Asia/Seoul',
    DESCRIBE_PAGE_SIZE: String(pageSize),
    VERIFY_POLL_SECONDS: '1',
    VERIFY_TIMEOUT_SECONDS: '120',
    // Decisions are logged per skipped instance; at WARN the bench measures the work, not the pipe.
    POWERTOOLS_LOG_LEVEL: 'WARN',
    NODE_NO_WARNINGS: '1',
  };
}

async function costRun(proxy: AwsProxy, n: number, bucket: string, pageSize: number, seeded: { instanceCombos: number; volumeTypes: number }): Promise<CostFigures> {
  proxy.calls.length = 0;
  await resetPricingCounters();
  const m = (await runScenario(
    { kind: 'workflow', workflow: 'cost-report', input: { regions: [REGION], reportDate: REPORT_DATE } },
    workflowEnv(proxy, bucket, pageSize),
    join(WORK_DIR, `cost-${n}.json`),
  )) as WorkflowMeasurement;
  const aws = countAwsCalls(proxy.calls);
  const pricing = await readPricingCounters();
  const collected = m.stateOutputs.MergeInventories as CollectResult | undefined;
  const output = m.output as Partial<RenderResult> | undefined;
  return {
    n,
    instances: collected?.counts.instances ?? 0,
    volumes: collected?.counts.volumes ?? 0,
    ...runFigures(m),
    uniquePriceKeys: collected?.priceKeys.count ?? 0,
    seededDistinct: { instanceTypePlatforms: seeded.instanceCombos, volumeTypes: seeded.volumeTypes },
    pricingCalls: pricing.getProducts,
    ec2Calls: aws.ec2,
    ec2Total: aws.ec2Total,
    s3Calls: aws.s3,
    s3BytesWritten: aws.s3BytesWritten,
    transitions: m.transitions,
    mapIterations: m.mapIterations,
    largestLambdaPayload: m.largestLambdaPayload,
    unpricedItems: output?.totals?.unpricedItems,
  };
}

async function powerRun(proxy: AwsProxy, n: number, untagged: number, bucket: string, pageSize: number): Promise<PowerFigures> {
  proxy.calls.length = 0;
  const m = (await runScenario(
    { kind: 'workflow', workflow: 'power-schedule', input: { action: 'stop' } },
    workflowEnv(proxy, bucket, pageSize),
    join(WORK_DIR, `power-${n}.json`),
  )) as WorkflowMeasurement;
  const aws = countAwsCalls(proxy.calls);
  const summary = m.output as Partial<RunSummary> | undefined;
  return {
    n,
    untagged,
    ...runFigures(m),
    stopped: summary?.totals?.stopped ?? 0,
    ec2Calls: aws.ec2,
    ec2Total: aws.ec2Total,
    transitions: m.transitions,
    transitionLimit: powerTransitionLimit(n),
    mapIterations: m.mapIterations,
  };
}

async function fleetScenarios(proxy: AwsProxy, seeding: SeedingFigures[], power: PowerFigures[], cost: CostFigures[]): Promise<void> {
  // No SDK retries while seeding: a retried RunInstances whose first attempt reached moto would
  // launch its instances twice; a failure should stop the bench instead.
  const ec2 = new EC2Client({ region: REGION, endpoint: proxy.url, credentials: CREDENTIALS, maxAttempts: 1 });
  const s3 = new S3Client({ region: REGION, endpoint: proxy.url, credentials: CREDENTIALS, forcePathStyle: true });
  for (const n of FLEET_SIZES) {
    const account = proxy.newAccount();
    const bucket = `bench-reports-${account}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    const reservationSize = reservationSizeFor(n);
    const pageSize = describePageSizeFor(reservationSize);

    progress(`N=${n}: seeding ${n} tagged instances (reservations of ${reservationSize})`);
    const tagged = await seedFleet(ec2, { region: REGION, count: n, namePrefix: `bench-${n}`, reservationSize, tags: { [TAG.key]: TAG.value }, varied: true, concurrency: SEED_CONCURRENCY });
    seeding.push({ what: `N=${n} tagged, varied`, instances: tagged.instances, runInstancesCalls: tagged.runInstancesCalls, seconds: tagged.seconds });

    progress(`N=${n}: cost-report (seeded in ${tagged.seconds.toFixed(0)} s)`);
    const costFigures = await costRun(proxy, n, bucket, pageSize, tagged);
    cost.push(costFigures);
    progress(`N=${n}: cost-report ${costFigures.status} in ${costFigures.wallSeconds} s, ${costFigures.pricingCalls} Pricing calls`);

    progress(`N=${n}: seeding ${n} untagged instances`);
    const plain = await seedFleet(ec2, { region: REGION, count: n, namePrefix: `untagged-${n}`, reservationSize: Math.min(n, 500), varied: false, concurrency: SEED_CONCURRENCY });
    seeding.push({ what: `N=${n} untagged, plain`, instances: plain.instances, runInstancesCalls: plain.runInstancesCalls, seconds: plain.seconds });

    progress(`N=${n}: power-schedule stop (seeded in ${plain.seconds.toFixed(0)} s)`);
    const powerFigures = await powerRun(proxy, n, n, bucket, pageSize);
    power.push(powerFigures);
    progress(`N=${n}: power-schedule ${powerFigures.status} in ${powerFigures.wallSeconds} s, ${powerFigures.transitions} transitions`);
  }
}

/** The fake organization's environment: accounts found under its root, EC2/STS/Organizations at the fake. */
function fakeFleetEnv(proxy: AwsProxy, bucket: string, regions: readonly string[], fakeUrl: string): Record<string, string> {
  return {
    ...workflowEnv(proxy, bucket, 500),
    TARGET_REGIONS: regions.join(','),
    ORGANIZATION_UNIT_IDS: FAKE_ROOT,
    AWS_ENDPOINT_URL_EC2: fakeUrl,
    AWS_ENDPOINT_URL_STS: fakeUrl,
    AWS_ENDPOINT_URL_ORGANIZATIONS: fakeUrl,
  };
}

/** What every many-targets run reports, from its measurement, the fake's counters and the proxy's. */
function manyTargetsFigures(shape: { accounts: number; regions: number; instancesPerTarget: number }, m: WorkflowMeasurement, fake: FakeFleet, proxy: AwsProxy): ManyTargetsFigures {
  return {
    ...shape,
    targets: shape.accounts * shape.regions,
    ...runFigures(m),
    executions: m.executions,
    mapIterations: m.mapIterations,
    fakeCalls: { ...fake.calls },
    s3Calls: countAwsCalls(proxy.calls).s3,
    lambdaInvocations: m.lambdaInvocations,
    largestLambdaPayload: m.largestLambdaPayload,
  };
}

interface TargetShapeWorld {
  accounts: number;
  regions: string[];
  instancesPerTarget: number;
  /** accounts × regions */
  targets: number;
  /** The report bucket, in an account of its own. */
  bucket: string;
  fake: FakeFleet;
}

/** Each many-targets shape in turn, in its own world: a report bucket and a fake fleet of `accounts` accounts, stopped afterwards. */
async function forEachTargetShape(
  proxy: AwsProxy,
  shapes: readonly TargetShape[],
  bucketPrefix: string,
  run: (world: TargetShapeWorld) => Promise<void>,
): Promise<void> {
  const s3 = new S3Client({ region: REGION, endpoint: proxy.url, credentials: CREDENTIALS, forcePathStyle: true });
  for (const [accounts, regionCount, instancesPerTarget] of shapes) {
    const regions = TARGET_REGIONS.slice(0, regionCount);
    const bucket = `${bucketPrefix}-${proxy.newAccount()}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    const fake = await startFakeFleet(instancesPerTarget, accounts);
    try {
      await run({ accounts, regions, instancesPerTarget, targets: accounts * regions.length, bucket, fake });
    } finally {
      await fake.close();
      proxy.calls.length = 0;
    }
  }
}

/** How a many-targets run went, for the progress line. */
function manyTargetsOutcome(m: WorkflowMeasurement): string {
  return `  ${m.status} in ${toSeconds(m.wallMs)} s: ${m.executions.childExecutions} children, history parent ${m.executions.parentEvents} / child ≤ ${m.executions.maxChildEvents} events, largest state ${m.largestStateIo.bytes} B`;
}

async function costTargetScenarios(proxy: AwsProxy, figures: CostTargetFigures[]): Promise<void> {
  await forEachTargetShape(proxy, COST_TARGET_SHAPES, 'bench-cost-targets', async ({ accounts, regions, instancesPerTarget, targets, bucket, fake }) => {
    proxy.calls.length = 0;
    await resetPricingCounters();
    progress(`cost-report over ${accounts} accounts × ${regions.length} regions × ${instancesPerTarget} instances (fake EC2/STS/Organizations)`);
    const m = (await runScenario(
      { kind: 'workflow', workflow: 'cost-report', input: { reportDate: REPORT_DATE } },
      fakeFleetEnv(proxy, bucket, regions, fake.url),
      join(WORK_DIR, `cost-targets-${targets}x${instancesPerTarget}.json`),
    )) as WorkflowMeasurement;
    const merged = m.stateOutputs.MergeInventories as CollectResult | undefined;
    const output = m.output as Partial<RenderResult> | undefined;
    figures.push({
      ...manyTargetsFigures({ accounts, regions: regions.length, instancesPerTarget }, m, fake, proxy),
      targetsCollected: merged?.targets?.collected ?? 0,
      targetsNotCollected: (merged?.targets?.unreachable ?? 0) + (merged?.targets?.failed ?? 0),
      instances: merged?.counts.instances ?? 0,
      volumes: merged?.counts.volumes ?? 0,
      uniquePriceKeys: merged?.priceKeys.count ?? 0,
      pricingCalls: (await readPricingCounters()).getProducts,
      unpricedItems: output?.totals?.unpricedItems,
      s3BytesWritten: countAwsCalls(proxy.calls).s3BytesWritten,
      handlerMemory: m.handlerMemory,
    });
    const merge = m.handlerMemory['merge-inventories'];
    progress(`${manyTargetsOutcome(m)}, ${merged?.priceKeys.count ?? 0} price keys, merge ${merge ? `${merge.ms} ms +${memoryAdded(merge)} MiB` : 'not run'}`);
  });
}

async function targetScenarios(proxy: AwsProxy, figures: TargetFigures[]): Promise<void> {
  await forEachTargetShape(proxy, TARGET_SHAPES, 'bench-targets', async ({ accounts, regions, instancesPerTarget, targets, bucket, fake }) => {
    progress(`power-schedule stop over ${accounts} accounts × ${regions.length} regions × ${instancesPerTarget} instances (fake EC2/STS/Organizations)`);
    const m = (await runScenario(
      { kind: 'workflow', workflow: 'power-schedule', input: { action: 'stop' } },
      {
        ...fakeFleetEnv(proxy, bucket, regions, fake.url),
        VERIFY_POLL_SECONDS: '0',
        VERIFY_TIMEOUT_SECONDS: '30',
      },
      join(WORK_DIR, `power-targets-${targets}x${instancesPerTarget}.json`),
    )) as WorkflowMeasurement;
    const summary = m.output as Partial<RunSummary> | undefined;
    figures.push({
      ...manyTargetsFigures({ accounts, regions: regions.length, instancesPerTarget }, m, fake, proxy),
      stopped: summary?.totals?.stopped ?? 0,
      alreadyStopped: summary?.totals?.alreadyStopped ?? 0,
      stillRunning: fake.running(),
      targetsDone: summary?.targets?.done ?? 0,
    });
    progress(manyTargetsOutcome(m));
  });
}

async function renderScenarios(render: RenderFigures[]): Promise<void> {
  for (const instances of RENDER_SIZES) {
    progress(`render-report alone: ${instances} synthetic instances`);
    const files = writeRenderInput(instances, WORK_DIR);
    const m = (await runScenario({ kind: 'render', ...files }, { NODE_NO_WARNINGS: '1' }, join(WORK_DIR, `render-${instances}.json`))) as RenderMeasurement;
    for (const file of Object.values(files)) rmSync(file, { force: true });
    render.push({
      instances,
      volumes: instances * 2 + Math.max(1, Math.floor(instances / 100)),
      inventoryBytes: m.inventoryBytes,
      seconds: toSeconds(m.renderMs),
      peakRssMiB: toMiB(m.maxRssKiB),
      workbookBytes: m.workbookBytes,
      unpricedItems: m.unpricedItems,
    });
  }
}

async function bundleScenarios(bundles: BundleFigures[]): Promise<void> {
  const names = builtFunctions();
  progress(`bundles: ${names.length} zips, cold import × ${IMPORT_SAMPLES} each`);
  for (const name of names) {
    const measured = await measureBundle(name, IMPORT_SAMPLES, { NODE_NO_WARNINGS: '1', AWS_REGION: REGION });
    bundles.push({ ...measured, limitBytes: name === RENDER_ZIP ? LIMITS.renderZipBytes : LIMITS.zipBytes });
  }
}

function machine(): BenchResults['machine'] {
  return {
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const host = machine();
  if (!existsSync(join(REPO_ROOT, 'dist'))) {
    progress('no dist/: building the bundles first (make bench does this itself)');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  mkdirSync(WORK_DIR, { recursive: true });
  stack('up');
  const seeding: SeedingFigures[] = [];
  const power: PowerFigures[] = [];
  const powerTargets: TargetFigures[] = [];
  const cost: CostFigures[] = [];
  const costTargets: CostTargetFigures[] = [];
  const render: RenderFigures[] = [];
  const bundles: BundleFigures[] = [];
  try {
    const proxy = await startAwsProxy(MOTO_URL);
    try {
      await fleetScenarios(proxy, seeding, power, cost);
      await targetScenarios(proxy, powerTargets);
      await costTargetScenarios(proxy, costTargets);
    } finally {
      await proxy.close();
    }
  } finally {
    stack('down');
  }
  await renderScenarios(render);
  await bundleScenarios(bundles);

  const partial = {
    generatedAt: new Date().toISOString(),
    commit: commit(),
    machine: { ...host, freeMemoryGiBAtEnd: Math.round((freemem() / 1024 ** 3) * 10) / 10 },
    totalSeconds: toSeconds(Date.now() - benchStarted),
    notes: [
      `Fleet: region ${REGION}, ${VOLUME_TYPES.length} volume types (${VOLUME_TYPES.join(', ')}); one fresh emulated account per N.`,
      'DescribeInstances pages: moto pages by reservation, so instances are launched in reservations of 10 and DESCRIBE_PAGE_SIZE is 50, which gives the page count AWS gives at its default 500 (N=100: reservations of 1, page size 500).',
      'Peak RSS is the whole local run in one Node process (executor + every Lambda handler), an upper bound for any one Lambda.',
      'Cold import: require() of dist/<fn>/index.js in a fresh node; @aws-sdk/* and @smithy/* are external to the bundle and load from node_modules here (the Lambda runtime provides them).',
      'powerTargets: EC2, STS and Organizations are a fake at the SDK endpoints (bench/lib/fake-fleet.ts; moto cannot hold 100,000 instances), S3 is moto; accounts are found under the organization root (OU discovery); stops take effect at once, so Verify does not wait. History events and billed transitions are estimated from the local event log by AWS event types per state (bench/lib/history-events.ts); Lambda seconds are time inside the handlers in one process.',
      'costTargets: the same fake (each instance with a type, Platform tag and data volume as the moto fleets have, 12 types × 3 platforms × 4 volume types), S3, AWS Backup and Cost Explorer on moto; the local Price List holds ap-northeast-2 and us-east-1 only, so the other regions\' keys are priced as unpriced (still one Pricing call each). handlerMemory: RSS and V8 heap sampled every 20 ms around MergeInventories\' and RenderReport\' calls, after a full GC; what the handler added is the larger of its RSS and heap growth over that baseline (the executor and every handler loaded).',
    ],
    seeding,
    powerSchedule: power,
    powerTargets,
    costReport: cost,
    costTargets,
    renderReport: render,
    bundles,
  };
  const results: BenchResults = { ...partial, targets: checkTargets(partial) };
  mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${renderTable(results)}\n`);
  const missed = results.targets.filter((t) => !t.met);
  process.stdout.write(
    `${results.targets.length - missed.length}/${results.targets.length} targets met${missed.length ? `; missed: ${missed.map((t) => t.target).join('; ')}` : ''}\n` +
      `machine: ${host.nproc} cores (${host.cpu}), ${host.memoryGiB} GiB, node ${host.node}, load ${host.loadAverageAtStart} at start; total ${results.totalSeconds} s\n` +
      `written: ${RESULTS_FILE.slice(REPO_ROOT.length + 1)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
