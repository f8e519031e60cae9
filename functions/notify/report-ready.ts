/**
 * The "report ready" message of the weekly cost report: what it costs, what changed since last
 * week, where the money goes, how many instances are recoverable when the report read backups,
 * and the workbook's link.
 * Pure: the summaries and the signed link come in, the text goes out.
 */
import { sumUsd } from '../shared/cost-math';
import type { ReportSummary } from '../shared/cost-types';
import { columns } from '../shared/plain-text';
import { formatUsd, formatUsdChange, summaryTotalsLines } from '../shared/report-summary';
import type { ReportLink } from './link';
import { SUBJECT_PREFIX, type Notification } from './notification';

export interface ReportReadyInput {
  summary: ReportSummary;
  /** The latest summary published before this one, if any. */
  previous?: ReportSummary;
  workbookUri: string;
  link: ReportLink;
  /** Where the link's expiry is shown in (the report's time zone). */
  timeZone: string;
  /** Which deployment sent it, e.g. "account 111122223333, ap-northeast-2". */
  sentBy: string;
}

/** Mon 2026-11-23 21:00 (Asia/Seoul) */
export function formatLocalTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone})`;
}

function percent(change: number, before: number): string {
  if (before === 0) return '';
  const value = (change / before) * 100;
  return ` (${value >= 0 ? '+' : '-'}${Math.abs(value).toFixed(1)}%)`;
}

function changeLine(summary: ReportSummary, previous: ReportSummary | undefined): string {
  if (!previous) return 'No earlier report to compare with.';
  // Summaries written before databases were reported carry no rdsMonthly: none were counted then.
  const delta = (field: 'totalMonthly' | 'ec2Monthly' | 'ebsMonthly' | 'rdsMonthly' | 'wasteMonthly') => sumUsd([summary.totals[field] ?? 0, -(previous.totals[field] ?? 0)]);
  const total = delta('totalMonthly');
  const withDatabases = Boolean(summary.totals.rdsMonthly || previous.totals.rdsMonthly);
  return (
    `Change vs ${previous.reportDate}: total ${formatUsdChange(total)}${percent(total, previous.totals.totalMonthly)}; ` +
    `EC2 ${formatUsdChange(delta('ec2Monthly'))}, EBS ${formatUsdChange(delta('ebsMonthly'))}, ` +
    (withDatabases ? `RDS and Aurora ${formatUsdChange(delta('rdsMonthly'))}, ` : '') +
    `waste ${formatUsdChange(delta('wasteMonthly'))}`
  );
}

function topLines(summary: ReportSummary): string[] {
  const top = summary.topInstances ?? [];
  if (top.length === 0) return [];
  return [
    '',
    `Top ${top.length} instances by monthly cost (EC2 + attached EBS):`,
    ...columns(top.map((t, i) => [`${i + 1}.`, t.name || '(no Name)', t.instanceId, t.instanceType, t.region, formatUsd(t.totalMonthly).padStart(11)])),
  ];
}

function linkLines(link: ReportLink, timeZone: string): string[] {
  const until = formatLocalTime(link.validUntil, timeZone);
  return link.limitedBy === 'credentials'
    ? [`Download (valid until ${until}, when the credentials that signed it expire):`, link.url]
    : [
        `Download (valid until ${until} at the latest: it is signed with the report function's temporary AWS credentials and stops working when they expire, which can be sooner):`,
        link.url,
      ];
}

export function reportReadyNotification(input: ReportReadyInput): Notification {
  const { summary, previous, link } = input;
  const total = formatUsd(summary.totals.totalMonthly);
  const change = previous ? ` (${formatUsdChange(sumUsd([summary.totals.totalMonthly, -previous.totals.totalMonthly]))} vs last report)` : '';
  const fetchLater = `ops report --date ${summary.reportDate}`;
  const text = [
    `The cost report for ${summary.reportDate} is ready: ${total} per month.`,
    changeLine(summary, previous),
    '',
    ...summaryTotalsLines(summary),
    ...topLines(summary),
    '',
    `Workbook: ${input.workbookUri}`,
    ...linkLines(link, input.timeZone),
    `Later: ${fetchLater}  (downloads it with your own AWS credentials)`,
    '',
    `-- ops-automation cost-report, ${input.sentBy}`,
  ].join('\n');
  return {
    subject: `${SUBJECT_PREFIX} Cost report ${summary.reportDate}: ${total}/month${change}`,
    title: `Cost report ${summary.reportDate} is ready: ${total} per month${change}`,
    text,
    nextSteps: [fetchLater],
  };
}
