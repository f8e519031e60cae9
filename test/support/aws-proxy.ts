/**
 * Test harness only: an HTTP proxy in front of moto that (1) gives each test its own empty AWS
 * account through moto's `x-moto-account-id` header, so tests never see each other's instances or
 * buckets, (2) can inject the faults moto cannot produce (throttling, an instance that refuses
 * to stop, a start that "succeeds" but leaves the instance stopped, a role that refuses to be
 * assumed), and (3) can rewrite what moto answers, to add what it cannot describe (a Spot
 * lifecycle, host tenancy, licensing fields) in the real wire format. Handlers stay unaware: they
 * just see AWS_ENDPOINT_URL pointing here.
 *
 * Requests signed with temporary credentials (an X-Amz-Security-Token: a role assumed through
 * STS) keep moto's own account resolution: moto made those credentials in the role's account, so
 * they act there, which is how member accounts are reached and seeded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** EC2/query-protocol Action, or the X-Amz-Target operation for JSON protocols. */
  action?: string;
  /** Form fields of a query-protocol body (EC2), e.g. InstanceId.1. */
  form: URLSearchParams;
}

export interface FaultResponse {
  status: number;
  body: string;
  contentType?: string;
  /** More response headers, e.g. x-amzn-ErrorType, where REST-JSON services name the error. */
  headers?: Record<string, string>;
}

/** Decides, per request, whether to answer with a fault instead of forwarding to moto. */
export type FaultRule = (request: AwsRequest) => FaultResponse | undefined;

/** Rewrites moto's answer body to a request, or undefined to pass it on unchanged. */
export type ResponseRewrite = (request: AwsRequest, body: string) => string | undefined;

export interface AwsProxy {
  url: string;
  accountId: string;
  /** Switch to a fresh empty account (call between tests). */
  newAccount(): string;
  setFault(rule: FaultRule | undefined): void;
  setRewrite(rule: ResponseRewrite | undefined): void;
  /** Requests seen, by action (after faults are decided). */
  calls: AwsRequest[];
  close(): Promise<void>;
}

let accountCounter = 0;
/** An account id no other test uses (moto keeps every account's state for the life of the server). */
export function freshAccountId(): string {
  accountCounter += 1;
  const unique = `${process.pid}${Date.now() % 1e6}${accountCounter}`.slice(-11);
  return `9${unique.padStart(11, '0')}`;
}

/** An EC2 error response body as EC2 sends it. */
export function ec2Error(code: string, message: string, status = 400): FaultResponse {
  return {
    status,
    contentType: 'text/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fault-injected</RequestID></Response>`,
  };
}

/** An STS (query protocol) error response body as STS sends it, e.g. AccessDenied for AssumeRole. */
export function stsError(code: string, message: string, status = 403): FaultResponse {
  return queryProtocolError('https://sts.amazonaws.com/doc/2011-06-15/', code, message, status);
}

/** An RDS (query protocol) error response body as RDS sends it, e.g. AccessDenied for DescribeDBInstances. */
export function rdsError(code: string, message: string, status = 400): FaultResponse {
  return queryProtocolError('http://rds.amazonaws.com/doc/2014-10-31/', code, message, status);
}

/** An Auto Scaling error in its wire format (the same query-protocol ErrorResponse as RDS, in its own namespace). */
export function autoScalingError(code: string, message: string, status = 400): FaultResponse {
  return queryProtocolError('http://autoscaling.amazonaws.com/doc/2011-01-01/', code, message, status);
}

/**
 * A CloudWatch error as the SDK's CloudWatch client receives it: the AWS JSON 1.0 protocol with
 * query compatibility, where `x-amzn-query-error` carries the error code of CloudWatch's query API
 * (`AccessDenied;Sender`), which the SDK reports as the error's name.
 */
export function cloudWatchError(code: string, message: string, status = 400): FaultResponse {
  return {
    status,
    contentType: 'application/x-amz-json-1.0',
    headers: { 'x-amzn-query-error': `${code};Sender` },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${code}`, message }),
  };
}

/** A query-protocol service's ErrorResponse (STS, RDS, Auto Scaling), each in its own namespace. */
function queryProtocolError(namespace: string, code: string, message: string, status: number): FaultResponse {
  return {
    status,
    contentType: 'text/xml',
    body: `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-injected</RequestId></ErrorResponse>`,
  };
}

/** An S3 error response as S3's REST API sends it (an <Error> document, no namespace). */
export function s3Error(status: number, code: string, message: string): FaultResponse {
  return {
    status,
    contentType: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAULTINJECTED0001</RequestId><HostId>fault-injected</HostId></Error>`,
  };
}

/** SNS refusing Publish as it does for a role without sns:Publish on the topic. */
export function snsPublishRefused(topicArn: string): FaultResponse {
  return {
    status: 403,
    contentType: 'text/xml',
    body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>User: arn:aws:sts::111122223333:assumed-role/ops-notify-lambda/ops-notify is not authorized to perform: SNS:Publish on resource: ${topicArn} because no identity-based policy allows the SNS:Publish action</Message></Error><RequestId>fault-injected</RequestId></ErrorResponse>`,
  };
}

/** The account of an AssumeRole request's RoleArn, when it is one. */
export function assumedAccountOf(request: AwsRequest): string | undefined {
  if (request.action !== 'AssumeRole') return undefined;
  return /^arn:[\w-]+:iam::(\d{12}):role\//.exec(request.form.get('RoleArn') ?? '')?.[1];
}

/** The region a request is signed for (`Credential=<key>/<date>/<region>/<service>/aws4_request`). */
export function signedRegionOf(request: AwsRequest): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1];
}

export function instanceIdsOf(request: AwsRequest): string[] {
  return [...request.form.entries()].filter(([k]) => /^InstanceId\.\d+$/.test(k)).map(([, v]) => v);
}

export async function startAwsProxy(target = process.env.MOTO_URL ?? process.env.AWS_ENDPOINT_URL): Promise<AwsProxy> {
  if (!target) throw new Error('no moto endpoint: MOTO_URL / AWS_ENDPOINT_URL unset (jest global setup starts one)');
  const upstream = new URL(target);
  let accountId = freshAccountId();
  let fault: FaultRule | undefined;
  let rewrite: ResponseRewrite | undefined;
  const calls: AwsRequest[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      const contentType = String(req.headers['content-type'] ?? '');
      const form = contentType.includes('x-www-form-urlencoded') ? new URLSearchParams(body) : new URLSearchParams();
      const target = req.headers['x-amz-target'];
      const action = form.get('Action') ?? (typeof target === 'string' ? target.split('.').pop() : undefined);
      const request: AwsRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, action, form };
      calls.push(request);
      const injected = fault?.(request);
      if (injected) {
        res.writeHead(injected.status, { 'content-type': injected.contentType ?? 'text/xml', ...injected.headers });
        res.end(injected.body);
        return;
      }
      const assumedRole = req.headers['x-amz-security-token'] !== undefined;
      const headers = { ...req.headers, host: upstream.host, ...(assumedRole ? {} : { 'x-moto-account-id': accountId }) };
      const forward = http.request(
        { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
        (upstreamRes) => {
          const rule = rewrite;
          if (!rule) {
            res.writeHead(upstreamRes.statusCode ?? 500, upstreamRes.headers);
            upstreamRes.pipe(res);
            return;
          }
          const parts: Buffer[] = [];
          upstreamRes.on('data', (c: Buffer) => parts.push(c));
          upstreamRes.on('end', () => {
            const original = Buffer.concat(parts);
            // Bodies the rule leaves alone go on byte for byte (S3 objects are binary and checksummed).
            const rewritten = rule(request, original.toString('utf8'));
            const body = rewritten === undefined ? original : Buffer.from(rewritten, 'utf8');
            const { 'transfer-encoding': _chunked, ...headers } = upstreamRes.headers;
            res.writeHead(upstreamRes.statusCode ?? 500, { ...headers, 'content-length': String(body.length) });
            res.end(body);
          });
        },
      );
      forward.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      forward.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get accountId() {
      return accountId;
    },
    newAccount() {
      accountId = freshAccountId();
      calls.length = 0;
      return accountId;
    },
    setFault(rule) {
      fault = rule;
    },
    setRewrite(rule) {
      rewrite = rule;
    },
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
