/**
 * What an operator reads in CloudWatch: each handler's JSON log lines carry the invocation's
 * context (function, request id, cold start) and the execution they belong to. X-Ray instruments
 * the SDK clients only where tracing can be on (inside Lambda, unless POWERTOOLS_TRACE_ENABLED=false).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { LambdaContext } from '../../functions/shared/logger';
import type { PowerRequest, TaskEvent } from '../../functions/shared/power-types';
import { localLambdaContext, REPO_ROOT } from '../../scripts/lib/local-workflow';

type ValidateHandler = (event: TaskEvent<unknown>, context: LambdaContext) => Promise<PowerRequest>;

const INPUT = { action: 'stop' };

/**
 * validate-input's handler in a fresh module registry (a new execution environment), logging at
 * INFO, with its stdout lines captured. Lambda sets AWS_LAMBDA_INITIALIZATION_TYPE=on-demand for
 * on-demand functions; Powertools reports cold starts only then.
 */
function loadLoggingHandler(): { handler: ValidateHandler; lines: () => Record<string, unknown>[]; restore: () => void } {
  const saved = { ...process.env };
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  delete process.env.AWS_LAMBDA_LOG_LEVEL;
  let handler: ValidateHandler | undefined;
  jest.isolateModules(() => {
    handler = (require('../../functions/validate-input/handler') as { handler: ValidateHandler }).handler;
  });
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return {
    handler: handler!,
    lines: () => written.flatMap((text) => text.split('\n')).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      spy.mockRestore();
      process.env = saved;
    },
  };
}

describe('handler logs in CloudWatch', () => {
  test('carry the function, its request id, whether the start was cold, and the execution name', async () => {
    // Prepare
    const { handler, lines, restore } = loadLoggingHandler();
    const first = localLambdaContext('validate-input');
    const second = localLambdaContext('validate-input');

    // Act
    try {
      await handler({ executionName: 'stop-weekday-20261125T2130Z', input: INPUT }, first);
      await handler({ executionName: 'stop-weekday-20261126T2130Z', input: INPUT }, second);
    } finally {
      restore();
    }

    // Assess
    const summaries = lines().filter((line) => line.message === 'validated power-schedule input');
    expect(summaries).toEqual([
      expect.objectContaining({
        function_name: 'local-validate-input',
        function_request_id: first.awsRequestId,
        cold_start: true,
        executionName: 'stop-weekday-20261125T2130Z',
      }),
      expect.objectContaining({
        function_request_id: second.awsRequestId,
        cold_start: false,
        executionName: 'stop-weekday-20261126T2130Z',
      }),
    ]);
  });

  test('never lend one execution name to an invocation whose event carries none', async () => {
    const { handler, lines, restore } = loadLoggingHandler();

    try {
      await handler({ executionName: 'stop-weekday-20261125T2130Z', input: INPUT }, localLambdaContext('validate-input'));
      await handler({ input: INPUT } as TaskEvent<unknown>, localLambdaContext('validate-input'));
    } finally {
      restore();
    }

    const summaries = lines().filter((line) => line.message === 'validated power-schedule input');
    expect(summaries).toHaveLength(2);
    expect(summaries[1]).not.toHaveProperty('executionName');
  });
});

describe('X-Ray on the SDK clients', () => {
  /** Which X-Ray middleware an EC2 client from functions/shared/clients.ts carries, in a fresh process with `env`. */
  function xrayMiddleware(env: Record<string, string | undefined>): string[] {
    const script = [
      `const { ec2Client, s3 } = require(${JSON.stringify(join(REPO_ROOT, 'functions/shared/clients'))});`,
      "const names = [ec2Client('us-east-1'), s3()].flatMap((c) => c.middlewareStack.identify()).filter((m) => /xray/i.test(m));",
      'process.stdout.write(JSON.stringify(names));',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, AWS_EXECUTION_ENV: undefined, POWERTOOLS_TRACE_ENABLED: undefined, ...env },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout) as string[];
  }

  test('instruments every client inside Lambda, where the function tracing mode decides what is recorded', () => {
    expect(xrayMiddleware({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' })).toHaveLength(2);
  });

  test('leaves the clients alone outside Lambda and when tracing is switched off', () => {
    expect(xrayMiddleware({})).toEqual([]);
    expect(xrayMiddleware({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_TRACE_ENABLED: 'false' })).toEqual([]);
  });
});
