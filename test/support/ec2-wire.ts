/**
 * Test harness only: what moto cannot describe, in the wire format real AWS uses, for the test
 * proxy (aws-proxy.ts) to add to or answer instead of moto's responses. moto 5.2.1 cannot set an
 * instance's InstanceLifecycle=spot (from InstanceMarketOptions), host or dedicated tenancy,
 * PlatformDetails or UsageOperation, and its DescribeSpotPriceHistory is synthetic. The element
 * names and shapes follow the EC2 API reference's DescribeInstances, DescribeSpotPriceHistory and
 * DescribeSpotInstanceRequests responses (API version 2016-11-15); Cost Explorer's errors follow
 * its AWS JSON 1.1 protocol (its answers are queued in moto: scripts/local/cost-explorer-seed.ts).
 */
import type { AwsRequest, FaultResponse } from './aws-proxy';

const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const REQUEST_ID = '59dbff89-35bd-4eac-99ed-be587EXAMPLE';

/** The region an EC2 request was signed for (SigV4 credential scope). */
export function ec2RegionOf(request: AwsRequest): string | undefined {
  return /\/([a-z0-9-]+)\/ec2\/aws4_request/.exec(String(request.headers.authorization ?? ''))?.[1];
}

/** Start and end of the top-level `<item>` of `<instancesSet>` that holds `instanceId`, or undefined. */
function instanceItem(xml: string, instanceId: string): { start: number; end: number } | undefined {
  const at = xml.indexOf(`<instanceId>${instanceId}</instanceId>`);
  if (at < 0) return undefined;
  const setStart = xml.lastIndexOf('<instancesSet>', at);
  // Walk the items of this instancesSet, counting nesting, until the one around `at`.
  const tag = /<item>|<\/item>|<\/instancesSet>/g;
  tag.lastIndex = setStart;
  let depth = 0;
  let start = -1;
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    if (match[0] === '</instancesSet>') return undefined;
    if (match[0] === '<item>') {
      if (depth === 0) start = match.index;
      depth += 1;
    } else {
      depth -= 1;
      if (depth === 0 && start <= at && at < match.index) return { start, end: match.index };
    }
  }
  return undefined;
}

/** A DescribeInstances (or RunInstances) body with `elements` added to one instance's item. */
export function addToInstance(xml: string, instanceId: string, elements: string): string {
  const item = instanceItem(xml, instanceId);
  return item ? `${xml.slice(0, item.end)}${elements}${xml.slice(item.end)}` : xml;
}

/** A DescribeInstances body with one instance placed on a Dedicated Host, or as a Dedicated Instance. */
export function withTenancy(xml: string, instanceId: string, tenancy: 'host' | 'dedicated', hostId?: string): string {
  const item = instanceItem(xml, instanceId);
  if (!item) return xml;
  const body = xml.slice(item.start, item.end).replace('<tenancy>default</tenancy>', `<tenancy>${tenancy}</tenancy>${hostId ? `<hostId>${hostId}</hostId>` : ''}`);
  return `${xml.slice(0, item.start)}${body}${xml.slice(item.end)}`;
}

/** What a Spot instance's item carries beside moto's: its lifecycle and request. */
export function spotInstanceElements(spotInstanceRequestId: string): string {
  return `<instanceLifecycle>spot</instanceLifecycle><spotInstanceRequestId>${spotInstanceRequestId}</spotInstanceRequestId>`;
}

/** The AMI billing fields every real instance has (AWS "AMI billing information fields"), e.g. Windows BYOL = RunInstances:0800. */
export function licensingElements(platformDetails: string, usageOperation: string, windows = false): string {
  return `${windows ? '<platform>windows</platform>' : ''}<platformDetails>${platformDetails}</platformDetails><usageOperation>${usageOperation}</usageOperation><usageOperationUpdateTime>2026-10-01T09:00:00.000Z</usageOperationUpdateTime>`;
}

export interface SpotPricePoint {
  availabilityZone: string;
  instanceType: string;
  productDescription: string;
  spotPrice: string;
  timestamp: Date;
}

/** A DescribeSpotPriceHistory answer (one page). */
export function spotPriceHistoryResponse(points: readonly SpotPricePoint[]): FaultResponse {
  const items = points
    .map(
      (p) =>
        `<item><instanceType>${p.instanceType}</instanceType><productDescription>${p.productDescription}</productDescription><spotPrice>${p.spotPrice}</spotPrice><timestamp>${p.timestamp.toISOString()}</timestamp><availabilityZone>${p.availabilityZone}</availabilityZone></item>`,
    )
    .join('');
  return {
    status: 200,
    contentType: 'text/xml;charset=UTF-8',
    body: `<?xml version="1.0" encoding="UTF-8"?><DescribeSpotPriceHistoryResponse xmlns="${EC2_NAMESPACE}"><requestId>${REQUEST_ID}</requestId><spotPriceHistorySet>${items}</spotPriceHistorySet><nextToken/></DescribeSpotPriceHistoryResponse>`,
  };
}

export interface SpotRequest {
  spotInstanceRequestId: string;
  instanceId: string;
  type: 'one-time' | 'persistent';
  instanceType: string;
  availabilityZone: string;
}

/** A DescribeSpotInstanceRequests answer for fulfilled requests. */
export function spotInstanceRequestsResponse(requests: readonly SpotRequest[]): FaultResponse {
  const items = requests
    .map(
      (r) =>
        `<item><spotInstanceRequestId>${r.spotInstanceRequestId}</spotInstanceRequestId><spotPrice>0.041600</spotPrice><type>${r.type}</type><state>active</state>` +
        `<status><code>fulfilled</code><updateTime>2026-11-01T00:00:05.000Z</updateTime><message>Your spot request is fulfilled.</message></status>` +
        `<launchSpecification><imageId>ami-12345678</imageId><instanceType>${r.instanceType}</instanceType><placement><availabilityZone>${r.availabilityZone}</availabilityZone></placement></launchSpecification>` +
        `<instanceId>${r.instanceId}</instanceId><createTime>2026-11-01T00:00:00.000Z</createTime><productDescription>Linux/UNIX</productDescription>` +
        `<launchedAvailabilityZone>${r.availabilityZone}</launchedAvailabilityZone><instanceInterruptionBehavior>terminate</instanceInterruptionBehavior></item>`,
    )
    .join('');
  return {
    status: 200,
    contentType: 'text/xml;charset=UTF-8',
    body: `<?xml version="1.0" encoding="UTF-8"?><DescribeSpotInstanceRequestsResponse xmlns="${EC2_NAMESPACE}"><requestId>${REQUEST_ID}</requestId><spotInstanceRequestSet>${items}</spotInstanceRequestSet></DescribeSpotInstanceRequestsResponse>`,
  };
}

/** A Cost Explorer error as its AWS JSON 1.1 protocol sends it, e.g. AccessDeniedException "User not enabled for cost explorer access". */
export function costExplorerError(code: string, message: string, status = 400): FaultResponse {
  return { status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: code, Message: message }) };
}
