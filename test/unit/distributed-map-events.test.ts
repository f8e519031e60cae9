/**
 * The local runner's Map Run events carry what AWS's do in the parent's history: MapRunStarted its
 * Map Run's ARN (mapRunStartedEventDetails.mapRunArn, which `ops explain` and the failure message
 * follow to the children), MapRunFailed the error and cause (mapRunFailedEventDetails). Items from
 * ItemsPath and no ResultWriter, so no S3 is read or written.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { emulateDistributedMaps, type ChildEvent } from '../../scripts/lib/distributed-map';

const MAP_RUN_ARN = /^arn:aws:states:us-east-1:111122223333:mapRun:ops-cost-report\/PriceItems:[0-9a-f-]{36}$/;

function runMap(processor: Record<string, unknown>, items: unknown[]): { events: ChildEvent['raw'][]; result: Promise<unknown> } {
  const definition = {
    StartAt: 'PriceItems',
    States: {
      PriceItems: {
        Type: 'Map',
        ItemsPath: '$.items',
        Label: 'PriceItems',
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...processor },
        End: true,
      },
    },
  } as unknown as StateMachineDefinition;
  const events: ChildEvent['raw'][] = [];
  const { handlers } = emulateDistributedMaps(definition, {
    s3: new S3Client({ region: 'us-east-1' }),
    region: 'us-east-1',
    account: '111122223333',
    stateMachineName: 'ops-cost-report',
    childRunOptions: () => ({}),
    emit: (event) => {
      if (!event.child) events.push(event.raw);
    },
  });
  return { events, result: handlers.PriceItems!({ input: { items }, context: {} }) };
}

const priceEach = { StartAt: 'Price', States: { Price: { Type: 'Pass', End: true } } };
const failEach = { StartAt: 'Price', States: { Price: { Type: 'Fail', Error: 'ThrottlingError', Cause: 'Rate exceeded' } } };

test('MapRunStarted names the Map Run\'s ARN, as AWS writes it into the parent\'s history', async () => {
  // Prepare
  const { events, result } = runMap(priceEach, [{ id: 'a' }, { id: 'b' }]);

  // Act
  await result;

  // Assess
  expect(events.map((e) => e.type)).toEqual(['MapRunStarted', 'MapRunSucceeded']);
  expect((events[0]?.mapRunStartedEventDetails as { mapRunArn: string }).mapRunArn).toMatch(MAP_RUN_ARN);
});

test('MapRunFailed past the tolerated failure threshold carries AWS\'s error and cause', async () => {
  // Prepare: no tolerance set, so one failed child fails the Map Run
  const { events, result } = runMap(failEach, [{ id: 'a' }]);

  // Act
  await expect(result).rejects.toMatchObject({ name: 'States.ExceedToleratedFailureThreshold' });

  // Assess
  expect(events.map((e) => e.type)).toEqual(['MapRunStarted', 'MapRunFailed']);
  expect(events[1]?.mapRunFailedEventDetails).toEqual({ error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' });
});
