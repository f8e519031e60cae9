/**
 * Reads from moto the REST-JSON APIs whose SDK clients the project does not install (Lambda,
 * EventBridge Scheduler). moto does not verify signatures; it routes a request to a service by
 * the credential scope in the Authorization header, so a well-formed unsigned header is enough.
 * Test harness only.
 */
export async function motoGetJson(endpoint: string, service: string, region: string, path: string): Promise<unknown> {
  const authorization = `AWS4-HMAC-SHA256 Credential=testing/20250101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=unsigned`;
  const response = await fetch(new URL(path, endpoint), { headers: { authorization, 'x-amz-date': '20250101T000000Z' } });
  const body = await response.text();
  if (!response.ok) throw new Error(`GET ${path} (${service}) answered ${response.status}: ${body.slice(0, 500)}`);
  return JSON.parse(body) as unknown;
}

export interface LambdaConfiguration {
  FunctionName: string;
  Runtime: string;
  Handler: string;
  Role: string;
  Timeout: number;
  MemorySize: number;
  Architectures?: string[];
  Environment?: { Variables?: Record<string, string> };
}

export async function getLambdaFunction(endpoint: string, region: string, name: string): Promise<LambdaConfiguration> {
  const result = (await motoGetJson(endpoint, 'lambda', region, `/2015-03-31/functions/${encodeURIComponent(name)}`)) as {
    Configuration: LambdaConfiguration;
  };
  return result.Configuration;
}

export interface Schedule {
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  State: string;
  FlexibleTimeWindow?: { Mode: string };
  Target: {
    Arn: string;
    RoleArn: string;
    Input?: string;
    RetryPolicy?: { MaximumEventAgeInSeconds?: number; MaximumRetryAttempts?: number };
    DeadLetterConfig?: { Arn?: string };
  };
}

export async function getSchedule(endpoint: string, region: string, group: string, name: string): Promise<Schedule> {
  const path = `/schedules/${encodeURIComponent(name)}?groupName=${encodeURIComponent(group)}`;
  return (await motoGetJson(endpoint, 'scheduler', region, path)) as Schedule;
}

/** A JSON-protocol call (X-Amz-Target), e.g. CloudWatch Logs, whose SDK client is not installed. */
export async function motoPostJson(endpoint: string, service: string, region: string, target: string, body: unknown): Promise<unknown> {
  const authorization = `AWS4-HMAC-SHA256 Credential=testing/20250101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=unsigned`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { authorization, 'x-amz-date': '20250101T000000Z', 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${target} answered ${response.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as unknown;
}

export async function logGroupRetentions(endpoint: string, region: string): Promise<Record<string, number | undefined>> {
  const result = (await motoPostJson(endpoint, 'logs', region, 'Logs_20140328.DescribeLogGroups', {})) as {
    logGroups?: { logGroupName: string; retentionInDays?: number }[];
  };
  return Object.fromEntries((result.logGroups ?? []).map((g) => [g.logGroupName, g.retentionInDays]));
}

/** An IAM query-protocol call (XML answer), for what the project has no IAM client for. */
export async function motoIamQuery(endpoint: string, action: string, params: Record<string, string>): Promise<string> {
  const authorization = 'AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=unsigned';
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { authorization, 'x-amz-date': '20250101T000000Z', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`IAM ${action} answered ${response.status}: ${body.slice(0, 500)}`);
  return body;
}
