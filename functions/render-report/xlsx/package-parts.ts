/**
 * The Open Packaging Conventions side of an .xlsx: part names, relationship parts and
 * [Content_Types].xml, edited as text. Everything here is pure: it takes and returns XML strings.
 */
import { posix } from 'node:path';
import { escapeXml, parseAttributes } from './xml-text';

export const NS = {
  relationships: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  packageRelationships: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
  spreadsheet: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  spreadsheetDrawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  drawingMain: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
} as const;

export const REL_TYPE = {
  worksheet: `${NS.relationships}/worksheet`,
  sharedStrings: `${NS.relationships}/sharedStrings`,
  styles: `${NS.relationships}/styles`,
  drawing: `${NS.relationships}/drawing`,
  chart: `${NS.relationships}/chart`,
  officeDocument: `${NS.relationships}/officeDocument`,
} as const;

export const CONTENT_TYPE = {
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
} as const;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRelationships(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  const relationships: Relationship[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const attributes = parseAttributes(match[1] ?? '');
    relationships.push({
      id: attributes.get('Id') ?? '',
      type: attributes.get('Type') ?? '',
      target: attributes.get('Target') ?? '',
      external: attributes.get('TargetMode') === 'External',
    });
  }
  return relationships;
}

/** An Id not used in `xml`: rId<n> with n above every rId number already there. */
function nextRelationshipId(existing: readonly Relationship[]): string {
  const numbers = existing.map((r) => /^rId(\d+)$/.exec(r.id)).map((m) => (m ? Number(m[1]) : 0));
  let n = Math.max(0, ...numbers) + 1;
  while (existing.some((r) => r.id === `rId${n}`)) n += 1;
  return `rId${n}`;
}

/** Adds a relationship (creating the part's XML when there is none) and returns the new XML and Id. */
export function addRelationship(xml: string | undefined, type: string, target: string): { xml: string; id: string } {
  const existing = parseRelationships(xml);
  const id = nextRelationshipId(existing);
  const element = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  if (!xml) {
    return { xml: `${XML_DECLARATION}<Relationships xmlns="${NS.packageRelationships}">${element}</Relationships>`, id };
  }
  return { xml: insertBeforeClosingRoot(xml, 'Relationships', element), id };
}

/** Inserts `fragment` as the last child of the root element named `localRoot` (any prefix, or self-closed). */
export function insertBeforeClosingRoot(xml: string, localRoot: string, fragment: string): string {
  const closing = new RegExp(`</((?:\\w+:)?${localRoot})\\s*>\\s*$`).exec(xml);
  if (closing) return xml.slice(0, closing.index) + fragment + xml.slice(closing.index);
  const selfClosed = new RegExp(`<((?:\\w+:)?${localRoot})\\b([^>]*?)\\s*/>\\s*$`).exec(xml);
  if (selfClosed) {
    return `${xml.slice(0, selfClosed.index)}<${selfClosed[1]}${selfClosed[2]}>${fragment}</${selfClosed[1]}>`;
  }
  throw new Error(`no ${localRoot} root element to insert into`);
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

/** A relationship target as a part path inside the zip (no leading slash). */
export function resolveTarget(sourcePart: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(sourcePart), target);
  return posix.normalize(path);
}

/** The target to write in `sourcePart`'s relationships to reach `targetPart`. */
export function relativeTarget(sourcePart: string, targetPart: string): string {
  return posix.relative(posix.dirname(sourcePart), targetPart);
}

interface ContentTypeEntry {
  kind: 'Override' | 'Default';
  /** PartName for an Override, Extension for a Default, as written. */
  key: string;
  contentType: string;
}

function contentTypeEntries(contentTypesXml: string): ContentTypeEntry[] {
  return [...contentTypesXml.matchAll(/<(?:\w+:)?(Override|Default)\b([^>]*?)\/?>/g)].map((match) => {
    const attributes = parseAttributes(match[2] ?? '');
    const kind = match[1] as ContentTypeEntry['kind'];
    return { kind, key: attributes.get(kind === 'Override' ? 'PartName' : 'Extension') ?? '', contentType: attributes.get('ContentType') ?? '' };
  });
}

/** Adds an Override for `part` unless [Content_Types].xml already has one (part names compare case-insensitively). */
export function addOverride(contentTypesXml: string, part: string, contentType: string): string {
  const partName = `/${part}`;
  if (contentTypeEntries(contentTypesXml).some((e) => e.kind === 'Override' && e.key.toLowerCase() === partName.toLowerCase())) return contentTypesXml;
  return insertBeforeClosingRoot(contentTypesXml, 'Types', `<Override PartName="${escapeXml(partName)}" ContentType="${escapeXml(contentType)}"/>`);
}

/** Adds a Default for a file extension unless one exists (relationship parts need `rels`). */
export function ensureDefault(contentTypesXml: string, extension: string, contentType: string): string {
  const present = contentTypeEntries(contentTypesXml).some((e) => e.kind === 'Default' && e.key.toLowerCase() === extension.toLowerCase());
  return present ? contentTypesXml : insertBeforeClosingRoot(contentTypesXml, 'Types', `<Default Extension="${escapeXml(extension)}" ContentType="${escapeXml(contentType)}"/>`);
}

export interface WorkbookSheet {
  name: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  relationshipType: string;
}

/** The sheets of a workbook in tab order, from xl/workbook.xml and its relationships. */
export function workbookSheets(workbookPart: string, workbookXml: string, workbookRelsXml: string | undefined): WorkbookSheet[] {
  const relationships = new Map(parseRelationships(workbookRelsXml).map((r) => [r.id, r]));
  const sheets: WorkbookSheet[] = [];
  for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const attributes = parseAttributes(match[1] ?? '');
    const name = attributes.get('name');
    const idAttribute = [...attributes.keys()].find((key) => /^\w+:id$/.test(key));
    const relationship = idAttribute ? relationships.get(attributes.get(idAttribute) ?? '') : undefined;
    if (name === undefined || !relationship) continue;
    sheets.push({ name, part: resolveTarget(workbookPart, relationship.target), relationshipType: relationship.type });
  }
  return sheets;
}

/** The highest N among parts named `<folder>/<stem>N.xml` (0 when there are none). */
export function highestPartNumber(parts: Iterable<string>, folder: string, stem: string): number {
  const pattern = new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${stem}(\\d+)\\.xml$`, 'i');
  let highest = 0;
  for (const part of parts) {
    const match = pattern.exec(part);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}
