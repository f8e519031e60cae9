import { PublishCommand } from '@aws-sdk/client-sns';
import { s3, sfn, sns } from '../shared/clients';
import { notifyConfig } from '../shared/config';
import { asStepError } from '../shared/errors';
import { logger, withLambdaContext } from '../shared/logger';
import { fetchHistory } from '../shared/execution-history';
import { readMapRunFailures } from '../shared/map-run';
import { emitPowerRunMetrics } from '../shared/metrics';
import { s3ReportStore } from '../shared/report-store';
import { presignReportLink } from './link';
import { s3SentMarkers } from './sent-markers';
import { notify, type PowerRunResult, type ReportReadyResult } from './notify';

export const handler = withLambdaContext(async (event: unknown): Promise<ReportReadyResult | PowerRunResult> => {
  const config = notifyConfig();
  return notify(event, {
    config,
    store: s3ReportStore(s3(), config.reportBucket),
    presign: (request) => presignReportLink(s3(), request),
    readHistory: (executionArn) => fetchHistory(sfn(), executionArn),
    readMapRun: (mapRunArn, describe) => readMapRunFailures(sfn(), mapRunArn, describe),
    markers: s3SentMarkers(s3(), config.reportBucket),
    publish: async (message) => {
      try {
        const sent = await sns().send(new PublishCommand({ TopicArn: config.topicArn, ...message }));
        return sent.MessageId ?? '';
      } catch (error) {
        throw asStepError(error, `SNS Publish to ${config.topicArn}`);
      }
    },
    recordFailedRunMetrics: emitPowerRunMetrics,
    now: () => new Date(),
    log: logger,
  });
});
