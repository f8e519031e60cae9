/**
 * Bench harness only: EC2, STS and AWS Organizations for fleets moto cannot hold at this scale
 * (100,000 instances in one moto takes hours to seed and minutes per DescribeInstances page). A
 * small HTTP server speaking the real wire protocols (EC2 and STS query with XML answers,
 * Organizations JSON 1.1, as the services answer) that the SDK reaches through its standard
 * AWS_ENDPOINT_URL_EC2 / _STS / _ORGANIZATIONS variables, so the handlers run unchanged; S3 stays
 * on moto. The organization's root holds `accounts` ACTIVE accounts (ListAccountsForParent pages
 * of 20, as moto and AWS page); each account-region holds `instancesPerTarget` running instances
 * tagged AutoStopStart=Yes; AssumeRole answers credentials whose access key names the role's
 * account, which is how the EC2 calls made with them find it. Stop and Start take effect at once
 * (the wait Verify does is not what is measured here). For the cost report, each instance has the
 * type, `Platform` tag and data volume seed-bulk.ts gives moto's fleets (comboOf: 12 types × 3
 * platforms × 4 volume types), an Availability Zone, and its volume is listed by DescribeVolumes
 * (pages of up to 500); Elastic IPs, snapshots, Dedicated Hosts and AMIs are none, and
 * ListAccounts names the accounts. AWS Backup stays on moto.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { comboOf } from './seed-bulk';

export interface FakeFleet {
  url: string;
  /** Calls by operation. */
  calls: Record<string, number>;
  /** Instances still running, over every account and region: what a stop left undone. */
  running(): number;
  close(): Promise<void>;
}

interface FakeInstance {
  id: string;
  volumeId: string;
  index: number;
  state: 'running' | 'stopped';
}

const STATE_CODES = { pending: 0, running: 16, stopping: 64, stopped: 80 } as const;
const HUB_ACCOUNT = '999900000000';
const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function accountOf(authorization: string): string {
  const key = /Credential=([^/]+)\//.exec(authorization)?.[1] ?? '';
  return /^ASIA(\d{12})/.exec(key)?.[1] ?? HUB_ACCOUNT;
}

function regionOf(authorization: string): string {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization)?.[1] ?? 'us-east-1';
}

/** Filter values by name from a query body: Filter.N.Name / Filter.N.Value.M. */
function filters(form: URLSearchParams): Map<string, string[]> {
  const byIndex = new Map<string, { name?: string; values: string[] }>();
  for (const [key, value] of form) {
    const match = /^Filter\.(\d+)\.(Name|Value\.\d+)$/.exec(key);
    if (!match) continue;
    const entry = byIndex.get(match[1]!) ?? { values: [] };
    if (match[2] === 'Name') entry.name = value;
    else entry.values.push(value);
    byIndex.set(match[1]!, entry);
  }
  return new Map([...byIndex.values()].filter((e) => e.name).map((e) => [e.name!, e.values]));
}

const LAUNCHED = '2026-11-01T00:00:00.000Z';

function instanceXml(instance: FakeInstance, region: string): string {
  const { instanceType, platform } = comboOf(instance.index);
  return (
    `<item><instanceId>${instance.id}</instanceId><imageId>ami-0fake0000000000000</imageId><instanceType>${instanceType}</instanceType>` +
    `<instanceState><code>${STATE_CODES[instance.state]}</code><name>${instance.state}</name></instanceState><launchTime>${LAUNCHED}</launchTime>` +
    `<placement><availabilityZone>${region}a</availabilityZone><tenancy>default</tenancy></placement>` +
    '<rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>' +
    `<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>${instance.volumeId}</volumeId><status>attached</status><attachTime>${LAUNCHED}</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>` +
    `<tagSet><item><key>AutoStopStart</key><value>Yes</value></item><item><key>Platform</key><value>${platform}</value></item></tagSet></item>`
  );
}

function volumeXml(instance: FakeInstance, region: string): string {
  const { dataVolume } = comboOf(instance.index);
  return (
    `<item><volumeId>${instance.volumeId}</volumeId><size>${dataVolume.sizeGiB}</size><availabilityZone>${region}a</availabilityZone><status>in-use</status><createTime>${LAUNCHED}</createTime>` +
    `<attachmentSet><item><volumeId>${instance.volumeId}</volumeId><instanceId>${instance.id}</instanceId><device>/dev/xvda</device><status>attached</status><attachTime>${LAUNCHED}</attachTime><deleteOnTermination>true</deleteOnTermination></item></attachmentSet>` +
    `<volumeType>${dataVolume.type}</volumeType>${dataVolume.type === 'gp3' ? '<iops>3000</iops><throughput>125</throughput>' : ''}<encrypted>false</encrypted></item>`
  );
}

/** One page of `items` from the query's NextToken (an offset here) and MaxResults. */
function page<T>(items: readonly T[], form: URLSearchParams, fallbackSize: number): { page: T[]; next: string } {
  const start = Number(form.get('NextToken') ?? 0);
  const size = Number(form.get('MaxResults') ?? fallbackSize);
  return { page: items.slice(start, start + size), next: start + size < items.length ? `<nextToken>${start + size}</nextToken>` : '' };
}

/** Answers with nothing in them, in each action's own list element. */
const EMPTY_LISTS: Record<string, string> = {
  DescribeAddresses: 'addressesSet',
  DescribeSnapshots: 'snapshotSet',
  DescribeHosts: 'hostSet',
  DescribeImages: 'imagesSet',
  DescribeSpotInstanceRequests: 'spotInstanceRequestSet',
};

export const FAKE_ROOT = 'r-fake';
const ORGANIZATIONS_PAGE = 20;

/** Member account ids of the fake organization: 100000000000, 100000000001, ... */
export function fakeAccountIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(100_000_000_000 + i));
}

export async function startFakeFleet(instancesPerTarget: number, accounts = 0): Promise<FakeFleet> {
  const fleets = new Map<string, { list: FakeInstance[]; byId: Map<string, FakeInstance> }>();
  const calls: Record<string, number> = {};
  let serial = 0;

  const fleetOf = (account: string, region: string) => {
    const key = `${account}/${region}`;
    let fleet = fleets.get(key);
    if (!fleet) {
      serial += 1;
      const prefix = serial.toString(16).padStart(6, '0');
      const list = Array.from({ length: instancesPerTarget }, (_, i): FakeInstance => {
        const suffix = `${prefix}${i.toString(16).padStart(11, '0')}`;
        return { id: `i-${suffix}`, volumeId: `vol-${suffix}`, index: i, state: 'running' };
      });
      fleet = { list, byId: new Map(list.map((i) => [i.id, i])) };
      fleets.set(key, fleet);
    }
    return fleet;
  };

  const ec2 = (action: string, form: URLSearchParams, account: string, region: string): string => {
    const fleet = fleetOf(account, region);
    const ns = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
    if (action === 'DescribeInstances') {
      const wanted = filters(form);
      const ids = wanted.get('instance-id');
      const states = wanted.get('instance-state-name');
      const tag = wanted.get('tag:AutoStopStart');
      let matching = ids ? ids.flatMap((id) => (fleet.byId.has(id) ? [fleet.byId.get(id)!] : [])) : fleet.list;
      if (states) matching = matching.filter((i) => states.includes(i.state));
      if (tag && !tag.includes('Yes')) matching = [];
      const { page: listed, next } = page(matching, form, 1000);
      const reservations = listed.map((i) => `<item><reservationId>r-${i.id.slice(2)}</reservationId><ownerId>${account}</ownerId><instancesSet>${instanceXml(i, region)}</instancesSet></item>`).join('');
      return `<DescribeInstancesResponse ${ns}><requestId>fake</requestId><reservationSet>${reservations}</reservationSet>${next}</DescribeInstancesResponse>`;
    }
    if (action === 'StopInstances' || action === 'StartInstances') {
      const stopping = action === 'StopInstances';
      const ids = [...form.entries()].filter(([k]) => /^InstanceId\.\d+$/.test(k)).map(([, v]) => v);
      const items = ids.map((id) => {
        const instance = fleet.byId.get(id);
        const previous = instance?.state ?? 'stopped';
        if (instance) instance.state = stopping ? 'stopped' : 'running';
        const current = stopping ? 'stopping' : 'pending';
        return `<item><instanceId>${id}</instanceId><currentState><code>${STATE_CODES[current]}</code><name>${current}</name></currentState><previousState><code>${STATE_CODES[previous]}</code><name>${previous}</name></previousState></item>`;
      });
      return `<${action}Response ${ns}><requestId>fake</requestId><instancesSet>${items.join('')}</instancesSet></${action}Response>`;
    }
    if (action === 'DescribeVolumes') {
      const { page: listed, next } = page(fleet.list, form, 500);
      return `<DescribeVolumesResponse ${ns}><requestId>fake</requestId><volumeSet>${listed.map((i) => volumeXml(i, region)).join('')}</volumeSet>${next}</DescribeVolumesResponse>`;
    }
    const emptyList = EMPTY_LISTS[action];
    if (emptyList) return `<${action}Response ${ns}><requestId>fake</requestId><${emptyList}/></${action}Response>`;
    throw new Error(`fake EC2: ${action} is not answered`);
  };

  const sts = (action: string, form: URLSearchParams, account: string): string => {
    const ns = 'xmlns="https://sts.amazonaws.com/doc/2011-06-15/"';
    const metadata = '<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata>';
    if (action === 'GetCallerIdentity') {
      return `<GetCallerIdentityResponse ${ns}><GetCallerIdentityResult><Arn>arn:aws:sts::${account}:assumed-role/ops-automation-bench/fn</Arn><UserId>AROAFAKE:fn</UserId><Account>${account}</Account></GetCallerIdentityResult>${metadata}</GetCallerIdentityResponse>`;
    }
    if (action === 'AssumeRole') {
      const roleArn = form.get('RoleArn') ?? '';
      const target = /:iam::(\d{12}):role\//.exec(roleArn)?.[1] ?? HUB_ACCOUNT;
      const expiration = new Date(Date.now() + 3600_000).toISOString();
      return (
        `<AssumeRoleResponse ${ns}><AssumeRoleResult><Credentials><AccessKeyId>ASIA${target}FAKE</AccessKeyId><SecretAccessKey>fake</SecretAccessKey>` +
        `<SessionToken>fake-session</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
        `<AssumedRoleUser><AssumedRoleId>AROAFAKE:${xmlEscape(form.get('RoleSessionName') ?? '')}</AssumedRoleId><Arn>${xmlEscape(roleArn)}</Arn></AssumedRoleUser></AssumeRoleResult>${metadata}</AssumeRoleResponse>`
      );
    }
    throw new Error(`fake STS: ${action} is not answered`);
  };

  const organizations = (operation: string, body: { ParentId?: string; NextToken?: string }): unknown => {
    if (operation === 'ListChildren') return { Children: [] };
    if (operation !== 'ListAccountsForParent' && operation !== 'ListAccounts') throw new Error(`fake Organizations: ${operation} is not answered`);
    const ids = operation === 'ListAccounts' || body.ParentId === FAKE_ROOT ? fakeAccountIds(accounts) : [];
    const start = Number(body.NextToken ?? 0);
    const page = ids.slice(start, start + ORGANIZATIONS_PAGE).map((Id) => ({
      Id,
      Arn: `arn:aws:organizations::${HUB_ACCOUNT}:account/o-fake000000/${Id}`,
      Email: `${Id}@example.com`,
      Name: `account-${Id}`,
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: 'CREATED',
      JoinedTimestamp: 1_700_000_000,
    }));
    return { Accounts: page, ...(start + ORGANIZATIONS_PAGE < ids.length ? { NextToken: String(start + ORGANIZATIONS_PAGE) } : {}) };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string' && target.startsWith('AWSOrganizationsV20161128.')) {
        const operation = target.split('.').pop()!;
        calls[operation] = (calls[operation] ?? 0) + 1;
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(organizations(operation, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { ParentId?: string })));
        return;
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const action = form.get('Action') ?? '?';
      const authorization = String(req.headers.authorization ?? '');
      calls[action] = (calls[action] ?? 0) + 1;
      try {
        const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(authorization)?.[1];
        const body = service === 'sts' ? sts(action, form, accountOf(authorization)) : ec2(action, form, accountOf(authorization), regionOf(authorization));
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(body);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(`<Response><Errors><Error><Code>InvalidAction</Code><Message>${xmlEscape((error as Error).message)}</Message></Error></Errors><RequestID>fake</RequestID></Response>`);
      }
    });
  });
  // Longer than the SDK keeps an idle connection: a socket closed here while a request is on its
  // way makes the SDK send a StopInstances again, which then reports "already stopped".
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    running: () => [...fleets.values()].reduce((n, fleet) => n + fleet.list.filter((i) => i.state === 'running').length, 0),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
