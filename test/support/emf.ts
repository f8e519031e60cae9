/**
 * Reads CloudWatch Embedded Metric Format lines out of a function's log output, checking each
 * against the EMF specification as CloudWatch Logs applies it (AWS docs, "Specification: Embedded
 * metric format"): a root `_aws` with a millisecond `Timestamp` and `CloudWatchMetrics` directives;
 * each directive a `Namespace`, `Dimensions` (sets of root member names, at most 30 per set) and
 * `Metrics` (at most 100, each a `Name` with an optional valid `Unit`) whose names are root members
 * holding numbers. Independent of Powertools: a line CloudWatch would reject fails here, with why.
 */

/** The units CloudWatch accepts (MetricDatum Unit). */
const UNITS = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits',
  'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second',
  'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second',
  'Terabits/Second', 'Count/Second', 'None',
]);

export interface EmfDataPoints {
  namespace: string;
  /** One dimension set: name → value. */
  dimensions: Record<string, string>;
  metrics: Record<string, { value: number; unit: string }>;
}

function fail(line: string, why: string): never {
  throw new Error(`not a valid EMF line (${why}): ${line.slice(0, 300)}`);
}

/** Every EMF line in `output` (other lines are skipped), one entry per directive and dimension set. */
export function emfDataPoints(output: string): EmfDataPoints[] {
  const points: EmfDataPoints[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"_aws"')) continue;
    const root = JSON.parse(line) as Record<string, unknown>;
    const aws = root._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
    if (!aws || typeof aws.Timestamp !== 'number' || !Number.isInteger(aws.Timestamp) || aws.Timestamp < 1e12) fail(line, '_aws.Timestamp must be epoch milliseconds');
    if (!Array.isArray(aws.CloudWatchMetrics) || aws.CloudWatchMetrics.length === 0) fail(line, '_aws.CloudWatchMetrics must be a non-empty array');
    for (const directive of aws.CloudWatchMetrics as Record<string, unknown>[]) {
      const { Namespace: namespace, Dimensions: dimensionSets, Metrics: metrics } = directive;
      if (typeof namespace !== 'string' || namespace.length < 1 || namespace.length > 255) fail(line, 'Namespace must be 1-255 characters');
      if (!Array.isArray(dimensionSets)) fail(line, 'Dimensions must be an array of dimension sets');
      if (!Array.isArray(metrics) || metrics.length === 0 || metrics.length > 100) fail(line, 'Metrics must hold 1-100 definitions');
      const values: EmfDataPoints['metrics'] = {};
      for (const metric of metrics as Record<string, unknown>[]) {
        const name = metric.Name;
        if (typeof name !== 'string' || name.length < 1 || name.length > 255) fail(line, 'a metric Name must be 1-255 characters');
        const unit = metric.Unit ?? 'None';
        if (typeof unit !== 'string' || !UNITS.has(unit)) fail(line, `metric ${name}: Unit ${String(unit)} is not a CloudWatch unit`);
        const value = root[name];
        if (typeof value !== 'number' || !Number.isFinite(value)) fail(line, `metric ${name} has no numeric root member`);
        values[name] = { value, unit };
      }
      for (const set of dimensionSets as unknown[]) {
        if (!Array.isArray(set) || set.length > 30) fail(line, 'a dimension set must list at most 30 names');
        const dimensions: Record<string, string> = {};
        for (const key of set as unknown[]) {
          if (typeof key !== 'string' || typeof root[key] !== 'string') fail(line, `dimension ${String(key)} has no string root member`);
          dimensions[key] = root[key] as string;
        }
        points.push({ namespace, dimensions, metrics: values });
      }
    }
  }
  return points;
}
