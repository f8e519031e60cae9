/**
 * `ops report`: find the weekly workbooks in the report bucket, download one, and print its
 * Summary totals — from the JSON summary the workflow writes beside each workbook, or, when that
 * is missing (older reports), from the workbook's own Summary sheet.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type ExcelJS from 'exceljs';
import type { ReportSummary } from '../../functions/shared/cost-types';
import { summaryTotalsLines } from '../../functions/shared/report-summary';
import { awsErrorCode } from '../../functions/shared/errors';
import { publishedKeys, publishedReportsPrefix, workbookKeyDate } from '../../functions/shared/report-keys';
import { OpsError } from './errors';

export interface ReportObject {
  key: string;
  /** YYYY-MM-DD, from the file name. */
  date: string;
  size?: number;
}

/** Workbooks directly under the prefix (not the workflow's work/ copies), oldest first. */
export async function listReports(s3: S3Client, bucket: string, prefix: string): Promise<ReportObject[]> {
  const reports: ReportObject[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: publishedReportsPrefix(prefix) })) {
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? '';
      const date = workbookKeyDate(prefix, key);
      if (date) reports.push({ key, date, size: object.Size });
    }
  }
  return reports.sort((a, b) => a.date.localeCompare(b.date));
}

export function chooseReport(reports: readonly ReportObject[], where: string, date?: string): ReportObject {
  if (reports.length === 0) throw new OpsError(`no reports in ${where} yet (run one with: ops run cost-report --wait)`);
  if (!date) return reports[reports.length - 1] as ReportObject;
  const found = reports.find((r) => r.date === date);
  if (found) return found;
  const recent = reports.slice(-5).map((r) => r.date).join(', ');
  throw new OpsError(`no report dated ${date} in ${where}; the latest are: ${recent}`);
}

export async function downloadObject(s3: S3Client, bucket: string, key: string, outDir: string): Promise<string> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, key.split('/').pop() ?? key);
  await pipeline(response.Body as Readable, createWriteStream(path));
  return path;
}

export type SummarySource = { kind: 'json'; summary: ReportSummary } | { kind: 'workbook'; rows: [string, string][] } | { kind: 'none' };

async function readJsonSummary(s3: S3Client, bucket: string, key: string): Promise<ReportSummary | undefined> {
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await (response.Body as { transformToString(): Promise<string> }).transformToString()) as ReportSummary;
  } catch (error) {
    const code = awsErrorCode(error);
    if (code === 'NoSuchKey' || code === 'NotFound' || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

/** Label/value pairs of the workbook's Summary sheet (first two filled cells of each row). */
export async function readWorkbookSummary(path: string): Promise<[string, string][] | undefined> {
  // Loaded only here: exceljs takes longer to load than the rest of the CLI together.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('Summary');
  if (!sheet) return undefined;
  const rows: [string, string][] = [];
  sheet.eachRow((row) => {
    const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText).filter((text) => text !== '');
    const [label, value] = cells;
    if (label !== undefined && value !== undefined) rows.push([label, value]);
  });
  return rows;
}

export async function readSummary(s3: S3Client, bucket: string, prefix: string, report: ReportObject, downloadedPath: string): Promise<SummarySource> {
  const summary = await readJsonSummary(s3, bucket, publishedKeys(prefix, report.date).summaryKey);
  if (summary) return { kind: 'json', summary };
  const rows = await readWorkbookSummary(downloadedPath);
  return rows && rows.length > 0 ? { kind: 'workbook', rows } : { kind: 'none' };
}

export function renderSummary(source: SummarySource): string[] {
  if (source.kind === 'none') return ['(no JSON summary beside the workbook and no Summary sheet in it)'];
  if (source.kind === 'workbook') {
    const width = Math.max(...source.rows.map(([label]) => label.length));
    return ['Summary (from the workbook; no JSON summary beside it):', ...source.rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
  }
  return summaryTotalsLines(source.summary);
}

export async function fileSize(path: string): Promise<string> {
  const bytes = (await stat(path)).size;
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
