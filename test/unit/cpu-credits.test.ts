/**
 * T-instance CPU credits: the window-to-month scaling both CloudWatch estimates share, credits to
 * vCPU-hours, the price key and query, and the vCPU-hour unit. Worked out by hand.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { monthlyVcpuHoursFromCredits, withCpuCredits } from '../../functions/collect-inventory/cpu-credits';
import { monthlyFromWindow, sum } from '../../functions/collect-inventory/metric-data';
import { hasUsageType, priceQuery } from '../../functions/price-items/filters';
import { toCostUnit } from '../../functions/price-items/units';
import { charge, CLOUDWATCH_WINDOW_DAYS, priced, roundCents } from '../../functions/shared/cost-math';
import { withId, type InventoryInstance } from '../../functions/shared/cost-types';
import type { DecisionLog } from '../../functions/shared/logger';
import { cpuCreditPriceKey, isBurstable } from '../../functions/shared/price-keys';

describe('scaling the 7-day CloudWatch window to the 730-hour month', () => {
  it('a week is 168 hours: × 730 / 168', () => {
    expect(CLOUDWATCH_WINDOW_DAYS).toBe(7);
    expect(monthlyFromWindow(168)).toBeCloseTo(730, 10);
    // Aurora's I/O: 2,450,000 requests a week are 10,645,833.33 a month.
    expect(monthlyFromWindow(2_450_000)).toBeCloseTo(10_645_833.33, 1);
  });

  it('credits are vCPU-minutes: 420 credits in the week are 7 vCPU-hours, 30.42 a month, 1.52 USD at 0.05', () => {
    expect(monthlyVcpuHoursFromCredits(420)).toBeCloseTo(30.4167, 4);
    expect(charge(monthlyVcpuHoursFromCredits(420), priced(0.05))).toEqual({ status: 'priced', usd: 1.52 });
    // One vCPU above baseline all week (60 credits an hour) is 730 vCPU-hours a month: 36.50 USD.
    expect(monthlyVcpuHoursFromCredits(60 * 24 * 7)).toBeCloseTo(730, 10);
    expect(roundCents(monthlyVcpuHoursFromCredits(60 * 24 * 7) * 0.05)).toBe(36.5);
  });

  it('0 credits is a real 0; no datapoints is no figure at all', () => {
    expect(monthlyVcpuHoursFromCredits(0)).toBe(0);
    expect(sum({ timestamps: [new Date()], values: [0] })).toBe(0);
    expect(sum({ timestamps: [], values: [] })).toBeUndefined();
    expect(sum(undefined)).toBeUndefined();
  });
});

describe('the CPUCredits price', () => {
  it('only t2, t3, t3a and t4g are burstable', () => {
    expect(['t2.micro', 't3.small', 't3a.large', 't4g.nano'].map(isBurstable)).toEqual([true, true, true, true]);
    expect(['m5.large', 'c6i.xlarge', 'r5.large', 'x2gd.medium'].map(isBurstable)).toEqual([false, false, false, false]);
  });

  it('a key per region, family and operating system: any Windows licensing is Windows; unknown licensing and other families have none', () => {
    expect(cpuCreditPriceKey({ region: 'us-east-1', instanceType: 't3.micro', platform: 'Linux' })).toEqual({ kind: 'ec2-cpu-credits', region: 'us-east-1', instanceFamily: 't3', operatingSystem: 'Linux' });
    expect(cpuCreditPriceKey({ region: 'us-east-1', instanceType: 't3a.micro', platform: 'Windows+SQLStd' })).toMatchObject({ instanceFamily: 't3a', operatingSystem: 'Windows' });
    expect(cpuCreditPriceKey({ region: 'us-east-1', instanceType: 'm5.large', platform: 'Linux' })).toBeUndefined();
    expect(cpuCreditPriceKey({ region: 'us-east-1', instanceType: 't3.micro', platform: 'Unknown' })).toBeUndefined();
  });

  it('asks AmazonEC2 for productFamily "CPU Credits", the operating system and usage type CPUCredits:<family>, which t3a does not answer for t3', () => {
    const query = priceQuery(withId({ kind: 'ec2-cpu-credits', region: 'ap-northeast-2', instanceFamily: 't3', operatingSystem: 'Linux' }));
    expect(query.serviceCode).toBe('AmazonEC2');
    expect(query.filters).toEqual(
      expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'CPU Credits' },
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'ap-northeast-2' },
        { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
      ]),
    );
    expect(hasUsageType('APN2-CPUCredits:t3', query.usageTypeSuffix!)).toBe(true);
    expect(hasUsageType('APN2-CPUCredits:t3a', query.usageTypeSuffix!)).toBe(false);
    expect(hasUsageType('CPUCredits:db.t3', query.usageTypeSuffix!)).toBe(false);
  });

  it('is per vCPU-hour as listed; an hourly unit is refused, not multiplied', () => {
    expect(toCostUnit('ec2-cpu-credits', 0.05, 'vCPU-Hours')).toEqual({ ok: true, usd: 0.05, unit: 'vCPU-Hours' });
    expect(toCostUnit('ec2-cpu-credits', 0.05, 'Hrs')).toMatchObject({ ok: false, reason: expect.stringContaining('must be per vCPU-Hours') });
  });
});

describe('credit options read in calls of at most 1,000 instance ids (DescribeInstanceCreditSpecifications), standard mode never sent to CloudWatch', () => {
  it('2,500 running t2s are read in three calls (1,000 + 1,000 + 500), every page of each, and all read 0 without a CloudWatch query', async () => {
    // Prepare: a stub EC2 answering in two pages a call, as the API may (NextToken).
    const instances = Array.from({ length: 2500 }, (_, i) => ({ instanceId: `i-${String(i).padStart(17, '0')}`, instanceType: 't2.micro', state: 'running' }) as unknown as InventoryInstance);
    const calls: { ids: string[]; token?: string }[] = [];
    // A real client (the SDK paginator wants one) whose send answers locally.
    const ec2 = new EC2Client({ region: 'us-east-1' });
    ec2.send = (async (command: { input: { InstanceIds?: string[]; NextToken?: string } }) => {
        const ids = command.input.InstanceIds ?? [];
        calls.push({ ids, token: command.input.NextToken });
        const half = Math.ceil(ids.length / 2);
        const page = command.input.NextToken ? ids.slice(half) : ids.slice(0, half);
        return { InstanceCreditSpecifications: page.map((InstanceId) => ({ InstanceId, CpuCredits: 'standard' })), NextToken: command.input.NextToken ? undefined : 'page-2' };
    }) as never;
    const cloudWatch = { send: async () => Promise.reject(new Error('CloudWatch must not be asked for standard-mode instances')) } as unknown as CloudWatchClient;
    const log = { info: () => undefined, warn: () => undefined } as unknown as DecisionLog;

    // Act
    const out = await withCpuCredits({ cloudWatch, ec2 }, instances, { now: new Date('2026-11-23T00:00:00Z'), where: 'us-east-1', log });

    // Assess
    expect(calls.map((c) => [c.ids.length, c.token])).toEqual([[1000, undefined], [1000, 'page-2'], [1000, undefined], [1000, 'page-2'], [500, undefined], [500, 'page-2']]);
    expect(new Set(calls.flatMap((c) => c.ids)).size).toBe(2500);
    expect(out.every((i) => i.cpuCredits?.creditOption === 'standard' && i.cpuCredits.creditsCharged === 0 && i.cpuCredits.vcpuHoursMonthly === 0)).toBe(true);
  });
});
