/**
 * Units are data: every Price List price dimension says what it is per, and AWS does not use the
 * unit the cost math needs everywhere (gp3 throughput is listed per GiBps-month, magnetic I/O per
 * request). This module is the one table that turns a listed unit into the cost unit of each
 * price key kind; a unit it does not know, or one a kind must not have, is a reason to leave the
 * item unpriced, never a number (see ../shared/reference/pricing/README.md).
 */
import type { CostUnit, PriceKey } from '../shared/cost-types';

interface Conversion {
  costUnit: CostUnit;
  /** USD per cost unit = listed USD × this. */
  factor: number;
}

/** Every unit AWS writes on the products we price, exactly as written (case matters: `GB-Mo` but `GiBps-mo`). */
const LISTED_UNITS: Readonly<Record<string, Conversion>> = {
  Hrs: { costUnit: 'Hrs', factor: 1 },
  'GB-Mo': { costUnit: 'GB-Mo', factor: 1 },
  'IOPS-Mo': { costUnit: 'IOPS-Mo', factor: 1 },
  // 1 GiB/s = 1,024 MiB/s: 40.96 USD per GiBps-month is 0.04 USD per MiBps-month.
  'GiBps-mo': { costUnit: 'MiBps-Mo', factor: 1 / 1024 },
  // Magnetic I/O is listed per request (0.00000005 USD); the report speaks per million requests.
  // Per request as public readers of the real Price List take it (infracost
  // internal/resources/aws/ebs_volume.go: productFamily "System Operation", usagetype
  // EBS:VolumeIOUsage, unit multiplier 1,000,000) and as bills count it ("$0.05 per 1 million I/O
  // requests … 23,715,799 IOs"). No captured item was found: a unit other than IOs leaves it unpriced.
  IOs: { costUnit: 'Million-IOs', factor: 1_000_000 },
  // Aurora Serverless v2 capacity, per ACU-hour (unit "ACU-Hr" in public Pricing API captures and in
  // infracost's price filter for productFamily ServerlessV2).
  'ACU-Hr': { costUnit: 'ACU-Hr', factor: 1 },
  // Surplus CPU credits are listed per vCPU-hour (Cost Explorer and CUR show `CPUCredits:t3` in
  // `vCPU-Hours`; AWS's page: "0.05 USD per vCPU-Hour"); one credit is one vCPU-minute.
  'vCPU-Hours': { costUnit: 'vCPU-Hours', factor: 1 },
};

/**
 * Units accepted for one kind only. RDS gp3 throughput (RDS:GP3-Throughput) is priced per MiBps-month
 * on the RDS pricing page, and MiBps-Mo is a unit the Price List writes on other "Provisioned
 * Throughput" products (AmazonFSx, checked against the live Pricing API in public code); no captured
 * RDS item shows it, so any unit other than MiBps-Mo or EC2's GiBps-mo leaves it unpriced with that
 * unit in the reason, never a guessed conversion. EBS throughput stays per GiBps-mo only: its real
 * items say so, and MiBps-Mo there was the old fixtures' invention.
 */
const LISTED_UNITS_BY_KIND: Partial<Record<PriceKey['kind'], Readonly<Record<string, Conversion>>>> = {
  'rds-throughput': { 'MiBps-Mo': { costUnit: 'MiBps-Mo', factor: 1 } },
};

/** The cost unit each kind of price is multiplied in; a listed unit that converts to another one is refused. */
export const COST_UNIT_BY_KIND: Readonly<Record<PriceKey['kind'], CostUnit>> = {
  ec2: 'Hrs',
  'ec2-unmapped': 'Hrs',
  'ebs-storage': 'GB-Mo',
  'ebs-iops': 'IOPS-Mo',
  'ebs-throughput': 'MiBps-Mo',
  'ebs-io-requests': 'Million-IOs',
  snapshot: 'GB-Mo',
  'snapshot-archive': 'GB-Mo',
  ipv4: 'Hrs',
  'dedicated-host': 'Hrs',
  'dedicated-fee': 'Hrs',
  'rds-instance': 'Hrs',
  'rds-storage': 'GB-Mo',
  'rds-iops': 'IOPS-Mo',
  'rds-throughput': 'MiBps-Mo',
  'aurora-storage': 'GB-Mo',
  // Listed per request like magnetic I/O (Aurora:StorageIOUsage, unit IOs; AWS prices it "per 1 million requests").
  'aurora-io': 'Million-IOs',
  'aurora-serverless-v2': 'ACU-Hr',
  'ec2-cpu-credits': 'vCPU-Hours',
};

// Conversions such as 0.00000005 × 1e6 leave binary noise (0.049999999999999996); list prices have
// at most 10 decimals, so 12 significant digits keep every real digit and drop the noise.
const SIGNIFICANT_DIGITS = 12;

export type Converted = { ok: true; usd: number; unit: CostUnit } | { ok: false; reason: string };

/** The listed price in the cost unit of `kind`, or why it cannot be used. */
export function toCostUnit(kind: PriceKey['kind'], listedUsd: number, listedUnit: string | undefined): Converted {
  const expected = COST_UNIT_BY_KIND[kind];
  const units: Readonly<Record<string, Conversion>> = { ...LISTED_UNITS, ...LISTED_UNITS_BY_KIND[kind] };
  const accepted = Object.entries(units)
    .filter(([, conversion]) => conversion.costUnit === expected)
    .map(([unit]) => unit);
  if (listedUnit === undefined || listedUnit === '') {
    return { ok: false, reason: `the price has no unit; a ${kind} price must be per ${accepted.join(' or ')}` };
  }
  const conversion = Object.hasOwn(units, listedUnit) ? units[listedUnit] : undefined;
  if (!conversion) {
    return { ok: false, reason: `unit "${listedUnit}" is not one the report can convert (known: ${Object.keys(units).join(', ')})` };
  }
  if (conversion.costUnit !== expected) {
    return { ok: false, reason: `unit "${listedUnit}" is unexpected for a ${kind} price, which must be per ${accepted.join(' or ')}` };
  }
  return { ok: true, usd: Number((listedUsd * conversion.factor).toPrecision(SIGNIFICANT_DIGITS)), unit: conversion.costUnit };
}
