/**
 * Ties the state machine files to the code: what Terraform deploys must be valid ASL, every error
 * name it matches must be one a step can raise (and every declared one must be matched somewhere),
 * every Lambda it calls must exist, and every Map must bound its concurrency.
 */
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEP_ERROR_NAMES } from '../../functions/shared/errors';
import { aslPath, renderDefinition, REPO_ROOT, WORKFLOWS, type WorkflowName } from '../../scripts/lib/local-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const validateAsl = require('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };

const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every object in the definition (states, retriers, catchers, nested processors). */
function allObjects(node: Json): { [key: string]: Json }[] {
  if (Array.isArray(node)) return node.flatMap(allObjects);
  if (node && typeof node === 'object') return [node, ...Object.values(node).flatMap(allObjects)];
  return [];
}

function errorNamesIn(definition: Json): string[] {
  return allObjects(definition).flatMap((o) => (Array.isArray(o.ErrorEquals) ? (o.ErrorEquals as string[]) : []));
}

function customNames(names: readonly string[]): string[] {
  return [...new Set(names.filter((n) => !n.startsWith('States.') && !n.startsWith('Lambda.')))].sort();
}

function statesOf(definition: Json): { [key: string]: Json }[] {
  return allObjects(definition).flatMap((o) =>
    o.States && typeof o.States === 'object' && !Array.isArray(o.States) ? (Object.values(o.States) as { [key: string]: Json }[]) : [],
  );
}

const rendered = (name: WorkflowName) => renderDefinition(name) as unknown as Json;

describe.each(WORKFLOWS)('%s state machine', (name) => {
  test('renders with Terraform-style placeholders and passes asl-validator', () => {
    const result = validateAsl(rendered(name), { checkPaths: true, checkArn: true });
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  test('every custom name in an ErrorEquals is a step error name in functions/shared/errors.ts', () => {
    const unknown = customNames(errorNamesIn(rendered(name))).filter((n) => !(STEP_ERROR_NAMES as readonly string[]).includes(n));
    expect(unknown).toEqual([]);
  });

  test('every ${<function>_arn} placeholder names a function folder with a handler.ts', () => {
    const template = readFileSync(aslPath(name), 'utf8');
    const functions = [...template.matchAll(/\$\{([a-z0-9_]+)_arn\}/g)].map((m) => m[1]!.replace(/_/g, '-'));
    expect(functions.length).toBeGreaterThan(0);
    const missing = functions.filter((fn) => !existsSync(join(REPO_ROOT, 'functions', fn, 'handler.ts')));
    expect(missing).toEqual([]);
  });

  test('every Map bounds its concurrency', () => {
    const maps = statesOf(rendered(name)).filter((s) => s.Type === 'Map');
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) expect(map.MaxConcurrency).toEqual(expect.any(Number));
    for (const map of maps) expect(map.MaxConcurrency).toBeGreaterThan(0);
  });

  test('every Lambda task hands its function the execution name, so the function logs say which run they belong to', () => {
    const tasks = statesOf(rendered(name)).filter((s) => s.Type === 'Task');
    const payloads = tasks.map((task) => (task.Parameters as { Payload?: Json } | undefined)?.Payload);
    const without = payloads.filter((payload) => !(payload && typeof payload === 'object' && !Array.isArray(payload) && 'executionName.$' in payload));
    expect(tasks.length).toBeGreaterThan(0);
    expect(without).toEqual([]);
  });

  test('every Lambda task retries the Lambda service exceptions', () => {
    const tasks = statesOf(rendered(name)).filter((s) => s.Type === 'Task');
    for (const task of tasks) {
      const retried = ((task.Retry ?? []) as { ErrorEquals: string[] }[]).flatMap((r) => r.ErrorEquals);
      expect(retried).toEqual(expect.arrayContaining(LAMBDA_SERVICE_ERRORS));
    }
  });
});

test('every step error name is matched by some state machine (no dead names, no unhandled ones)', () => {
  const used = new Set(WORKFLOWS.flatMap((name) => errorNamesIn(rendered(name))));
  const unused = STEP_ERROR_NAMES.filter((n) => !used.has(n));
  expect(unused).toEqual([]);
});

describe('power-schedule fans out over targets with a Distributed Map', () => {
  const targetsMap = () => (rendered('power-schedule') as { States: Record<string, { [key: string]: Json }> }).States.Targets!;

  test('the rendered ASL, Distributed Map included, validates as deployed; the validator does check its fields (a wrong one is refused)', () => {
    const definition = rendered('power-schedule') as { States: Record<string, Record<string, Json>> };
    const broken = structuredClone(definition);
    broken.States.Targets!.ToleratedFailurePercentage = 'all';

    expect(validateAsl(definition, { checkPaths: true, checkArn: true }).isValid).toBe(true);
    expect(validateAsl(broken, { checkPaths: true, checkArn: true }).isValid).toBe(false);
  });

  test('one Standard child per target read from S3, every child\'s result written to S3, no child failure failing the run, bounded concurrency', () => {
    const map = targetsMap();

    expect(map).toMatchObject({
      Type: 'Map',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' } },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject' },
      ToleratedFailurePercentage: 100,
      MaxConcurrency: 100,
      Next: 'RetryUnfinished',
    });
    // The children carry the parent's execution name: the run's S3 folder and what its logs are found by.
    expect((map.ItemSelector as Record<string, Json>)['executionName.$']).toBe('$$.Execution.Name');
  });
});
