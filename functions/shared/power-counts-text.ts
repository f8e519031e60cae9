/**
 * How a power-schedule run's counts read for a person: in the run message (notify), in `ops`
 * and in the demo. One wording everywhere, so what the message says is what the terminal says.
 */
import type { Counts, CountsByKind, Outcome, ResourceKind } from './power-types';
import { RESOURCE_KINDS } from './power-types';

/** Order of the counts: what changed, what was already so, then what needs a look. */
const OUTCOME_ORDER: readonly Outcome[] = ['stopped', 'reStopped', 'hibernated', 'started', 'dryRunPassed', 'alreadyStopped', 'alreadyRunning', 'skipped', 'failed'];
const OUTCOME_LABEL: Record<Outcome, string> = {
  stopped: 'stopped',
  reStopped: 'stopped again (RDS had restarted them)',
  hibernated: 'hibernated',
  started: 'started',
  dryRunPassed: 'dry run passed',
  alreadyStopped: 'already stopped',
  alreadyRunning: 'already running',
  skipped: 'skipped',
  failed: 'failed',
};

export const KIND_LABEL: Record<ResourceKind, string> = {
  ec2: 'EC2 instances',
  rds: 'RDS DB instances and clusters',
  asg: 'Auto Scaling groups',
};

/** "stopped 6, skipped 1, failed 2" */
export function countsText(counts: Counts): string {
  const parts = OUTCOME_ORDER.filter((o) => (counts[o] ?? 0) > 0).map((o) => `${OUTCOME_LABEL[o]} ${counts[o]}`);
  return parts.length > 0 ? parts.join(', ') : 'no instances to change';
}

/** One [kind label, counts] row per kind the run met, in RESOURCE_KINDS order. */
export function countsByKindRows(byKind: CountsByKind | undefined): [string, string][] {
  return RESOURCE_KINDS.filter((kind) => byKind?.[kind] && Object.keys(byKind[kind]!).length > 0).map((kind) => [KIND_LABEL[kind], countsText(byKind![kind]!)]);
}
