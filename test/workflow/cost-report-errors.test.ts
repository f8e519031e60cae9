/**
 * cost-report failing where an operator must fix something: a report bucket that does not exist
 * stops the run at its first step (ResolveTargets) with a named error, without retries, and publishes nothing.
 */
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { runWorkflow } from '../../scripts/lib/local-workflow';

let proxy: AwsProxy;

beforeAll(async () => {
  proxy = await startAwsProxy();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: proxy.url,
    AWS_REGION: 'ap-northeast-2',
    TARGET_REGIONS: 'ap-northeast-2',
    REPORT_BUCKET: `ops-never-created-${process.pid}-${Date.now() % 100000}`,
  });
});
afterAll(() => proxy.close());

test('a missing report bucket fails at ResolveTargets with ReportStorageError naming the bucket, tried once', async () => {
  const run = await runWorkflow('cost-report', {}, { instantWaits: true });

  expect(run.status).toBe('FAILED');
  expect(run.failedState).toBe('ResolveTargets');
  expect(run.error).toBe('ReportStorageError');
  expect(run.cause).toContain(process.env.REPORT_BUCKET);
  expect(run.events.filter((e) => e.type === 'StateRetried')).toHaveLength(0);
  expect(proxy.calls.filter((c) => c.method === 'PUT' && c.path.includes(process.env.REPORT_BUCKET!))).toHaveLength(1);
});

test('bad input fails at ResolveTargets with InvalidInputError naming the field, before any AWS call', async () => {
  proxy.calls.length = 0;
  const run = await runWorkflow('cost-report', { reportDate: '2026-02-30' }, { instantWaits: true });

  expect(run.status).toBe('FAILED');
  expect(run.error).toBe('InvalidInputError');
  expect(run.cause).toMatch(/reportDate/);
  expect(run.failedState).toBe('ResolveTargets');
  expect(proxy.calls).toHaveLength(0);
});
