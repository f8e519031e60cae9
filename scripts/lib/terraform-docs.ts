/**
 * The Inputs and Outputs tables of a Terraform module's README, generated from its variables.tf
 * and outputs.tf (what terraform-docs does for terraform-aws-modules), so the README cannot drift
 * from the code: `npx tsx scripts/terraform-docs.ts` rewrites them between the markers, and
 * test/terraform/docs.test.ts fails while they differ.
 *
 * HCL is read by a small scanner, not by Terraform: `terraform console`/`show` need an initialised
 * working directory with its providers (seconds per module, and the provider mirror), and a full
 * HCL parser is a heavy dependency for four attributes. The scanner knows everything that decides
 * where an attribute's expression ends (quoted strings with escapes and `${ }`/`%{ }` templates,
 * heredocs, comments, brackets), keeps expressions as source text, and throws on what it does not
 * understand rather than guess. test/terraform/policy.test.ts checks it against Terraform's own
 * reading of the module (`terraform show -json` of a plan).
 */

export interface HclBlock {
  type: string;
  labels: string[];
  /** Attribute name → its expression as written (trimmed source text). */
  attributes: Record<string, string>;
  blocks: HclBlock[];
}

export interface ModuleVariable {
  name: string;
  description: string;
  /** The type constraint on one line; undefined when the variable declares none. */
  type?: string;
  /** The default on one line; undefined when the variable is required. */
  default?: string;
}

export interface ModuleOutput {
  name: string;
  description: string;
}

export const BEGIN_MARKER = '<!-- BEGIN_TF_TABLES: generated from variables.tf and outputs.tf by scripts/terraform-docs.ts; edit those, then run it -->';
export const END_MARKER = '<!-- END_TF_TABLES -->';

class HclSyntaxError extends Error {
  constructor(source: string, index: number, problem: string) {
    const line = source.slice(0, index).split('\n').length;
    super(`HCL line ${line}: ${problem}`);
    this.name = 'HclSyntaxError';
  }
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const HEREDOC_START = /<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
const OPENING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Index just past the quoted string that starts at `start` (a `"`). */
function skipQuoted(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n') throw new HclSyntaxError(source, start, 'a quoted string runs past the end of its line');
    else if ((c === '$' || c === '%') && source[i + 1] === c && source[i + 2] === '{') i += 3; // $${ and %%{ are literal
    else if ((c === '$' || c === '%') && source[i + 1] === '{') i = skipBracketed(source, i + 1);
    else i += 1;
  }
  throw new HclSyntaxError(source, start, 'a quoted string is never closed');
}

/** Index just past the heredoc that starts at `start` (`<<EOT` or `<<-EOT`), or undefined if none starts there. */
function skipHeredoc(source: string, start: number): number | undefined {
  HEREDOC_START.lastIndex = start;
  const opening = HEREDOC_START.exec(source);
  if (!opening) return undefined;
  const marker = opening[2];
  let lineStart = HEREDOC_START.lastIndex;
  while (lineStart < source.length) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    if (source.slice(lineStart, lineEnd).trim() === marker) return lineEnd;
    lineStart = lineEnd + 1;
  }
  throw new HclSyntaxError(source, start, `heredoc ${marker} is never closed`);
}

/** Index just past a comment starting at `i`, or `i` when none starts there. Line comments stop before their newline. */
function skipComment(source: string, i: number): number {
  if (source[i] === '#' || source.startsWith('//', i)) {
    const newline = source.indexOf('\n', i);
    return newline === -1 ? source.length : newline;
  }
  if (source.startsWith('/*', i)) {
    const end = source.indexOf('*/', i + 2);
    if (end === -1) throw new HclSyntaxError(source, i, 'a /* comment is never closed');
    return end + 2;
  }
  return i;
}

/** Skips one string, heredoc or comment at `i`; returns the index after it, or `i` when none starts there. */
function skipAtom(source: string, i: number): number {
  if (source[i] === '"') return skipQuoted(source, i);
  if (source.startsWith('<<', i)) return skipHeredoc(source, i) ?? i;
  return skipComment(source, i);
}

/** Index just past the bracket group that opens at `start`. */
function skipBracketed(source: string, start: number): number {
  const closers: string[] = [];
  let i = start;
  while (i < source.length) {
    const after = skipAtom(source, i);
    if (after !== i) {
      i = after;
      continue;
    }
    const c = source[i] ?? '';
    if (OPENING[c]) closers.push(OPENING[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (closers.pop() !== c) throw new HclSyntaxError(source, i, `unexpected ${c}`);
      if (closers.length === 0) return i + 1;
    }
    i += 1;
  }
  throw new HclSyntaxError(source, start, `${source[start] ?? ''} is never closed`);
}

/** Where the expression starting at `start` ends: a newline, comment or `}` outside any bracket. */
function expressionEnd(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    const c = source[i] ?? '';
    if (c === '\n' || c === '}' || c === '#' || source.startsWith('//', i) || source.startsWith('/*', i)) return i;
    if (OPENING[c]) i = skipBracketed(source, i);
    else if (c === '"' || source.startsWith('<<', i)) i = Math.max(skipAtom(source, i), i + 1);
    else i += 1;
  }
  return i;
}

function skipBlank(source: string, i: number): number {
  while (i < source.length) {
    if (/\s/.test(source[i] ?? '')) i += 1;
    else {
      const after = skipComment(source, i);
      if (after === i) return i;
      i = after;
    }
  }
  return i;
}

/** Parses the body that starts at `start` up to its closing `}` (or the end of the file for the top level). */
function parseBody(source: string, start: number, block: HclBlock, topLevel: boolean): number {
  let i = start;
  for (;;) {
    i = skipBlank(source, i);
    if (i >= source.length) {
      if (topLevel) return i;
      throw new HclSyntaxError(source, start, `block ${block.type} is never closed`);
    }
    if (source[i] === '}') {
      if (topLevel) throw new HclSyntaxError(source, i, 'unexpected }');
      return i + 1;
    }
    IDENTIFIER.lastIndex = i;
    const name = IDENTIFIER.exec(source)?.[0];
    if (!name) throw new HclSyntaxError(source, i, `expected an attribute or block name, found ${JSON.stringify(source.slice(i, i + 20))}`);
    i = IDENTIFIER.lastIndex;
    while (source[i] === ' ' || source[i] === '\t') i += 1;

    if (source[i] === '=' && source[i + 1] !== '=') {
      const end = expressionEnd(source, i + 1);
      const expression = source.slice(i + 1, end).trim();
      if (!expression) throw new HclSyntaxError(source, i, `attribute ${name} has no value`);
      block.attributes[name] = expression;
      i = end;
      continue;
    }

    const nested: HclBlock = { type: name, labels: [], attributes: {}, blocks: [] };
    for (;;) {
      i = skipBlank(source, i);
      if (source[i] === '"') {
        const end = skipQuoted(source, i);
        nested.labels.push(decodeString(source.slice(i, end)));
        i = end;
        continue;
      }
      IDENTIFIER.lastIndex = i;
      const label = IDENTIFIER.exec(source)?.[0];
      if (!label) break;
      nested.labels.push(label);
      i = IDENTIFIER.lastIndex;
    }
    if (source[i] !== '{') throw new HclSyntaxError(source, i, `expected = or { after ${name}`);
    i = parseBody(source, i + 1, nested, false);
    block.blocks.push(nested);
  }
}

/** The blocks and attributes of an HCL file; expressions stay source text. */
export function parseHcl(source: string): HclBlock {
  const file: HclBlock = { type: '', labels: [], attributes: {}, blocks: [] };
  parseBody(source.replace(/\r\n/g, '\n'), 0, file, true);
  return file;
}

function unescape(text: string): string {
  return text
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{')
    .replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, escape: string) => {
      if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
      return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escape] ?? escape;
    });
}

/** The text of a string literal: quoted, or a heredoc (`<<-` strips the common indentation). Throws on anything computed. */
export function decodeString(expression: string): string {
  if (expression.startsWith('"') && skipQuoted(expression, 0) === expression.length) {
    const inner = expression.slice(1, -1);
    if (/(^|[^$])\$\{|(^|[^%])%\{/.test(inner)) throw new Error(`not a literal string (it has a template): ${expression}`);
    return unescape(inner);
  }
  HEREDOC_START.lastIndex = 0;
  const opening = HEREDOC_START.exec(expression);
  if (opening && skipHeredoc(expression, 0) === expression.length) {
    const lines = expression.slice(HEREDOC_START.lastIndex).split('\n').slice(0, -1);
    const indent = opening[1] ? Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length)) : 0;
    return unescape(lines.map((l) => l.slice(indent)).join('\n'));
  }
  throw new Error(`not a literal string: ${expression}`);
}

/**
 * An expression on one line, for a table cell: comments dropped, runs of blanks outside strings
 * made one space, and line breaks between elements written as ", " (HCL allows both).
 */
export function oneLine(expression: string): string {
  let out = '';
  let pendingBreak = false;
  let pendingSpace = false;
  let i = 0;
  while (i < expression.length) {
    const c = expression[i] ?? '';
    const comment = skipComment(expression, i);
    if (comment !== i) {
      i = comment;
      continue;
    }
    if (c === '\n') pendingBreak = true;
    if (/\s/.test(c)) {
      pendingSpace = true;
      i += 1;
      continue;
    }
    if (expression.startsWith('<<', i) && skipHeredoc(expression, i) !== undefined) throw new Error(`a heredoc cannot go in a table cell: ${expression}`);
    if (out && (pendingBreak || pendingSpace)) {
      // A break after an element (not after an opening bracket, a comma or an operator) separates two elements.
      const joinsElements = pendingBreak && !/[[({,=:?+\-*/%&|<>!]$/.test(out) && !/[\])}?:]/.test(c);
      out += joinsElements ? ', ' : ' ';
    }
    pendingBreak = false;
    pendingSpace = false;
    const end = c === '"' ? skipQuoted(expression, i) : i + 1;
    out += expression.slice(i, end);
    i = end;
  }
  return out;
}

function blocksOf(source: string, type: string): HclBlock[] {
  return parseHcl(source).blocks.filter((b) => b.type === type);
}

function describedName(block: HclBlock, file: string): { name: string; description: string } {
  const name = block.labels[0];
  if (!name) throw new Error(`${file}: a ${block.type} block without a name`);
  const description = block.attributes.description;
  if (description === undefined) throw new Error(`${file}: ${block.type} "${name}" has no description`);
  return { name, description: decodeString(description) };
}

export function readVariables(source: string): ModuleVariable[] {
  return blocksOf(source, 'variable').map((block) => {
    const { type, default: value } = block.attributes;
    return {
      ...describedName(block, 'variables.tf'),
      type: type === undefined ? undefined : oneLine(type),
      default: value === undefined ? undefined : oneLine(value),
    };
  });
}

export function readOutputs(source: string): ModuleOutput[] {
  return blocksOf(source, 'output').map((block) => describedName(block, 'outputs.tf'));
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

function code(text: string): string {
  if (text.includes('`')) throw new Error(`cannot put a backtick in a code cell: ${text}`);
  return `\`${cell(text)}\``;
}

/** The generated section: Inputs (required first, then in file order) and Outputs (file order). */
export function renderTables(variables: ModuleVariable[], outputs: ModuleOutput[]): string {
  const ordered = [...variables.filter((v) => v.default === undefined), ...variables.filter((v) => v.default !== undefined)];
  const lines = [BEGIN_MARKER, '## Inputs', ''];
  if (ordered.length === 0) lines.push('No inputs.');
  else {
    lines.push('| Name | Description | Type | Default |', '|------|-------------|------|---------|');
    for (const v of ordered) {
      lines.push(`| \`${v.name}\` | ${cell(v.description)} | ${v.type ? code(v.type) : 'any'} | ${v.default === undefined ? 'required' : code(v.default)} |`);
    }
  }
  lines.push('', '## Outputs', '');
  if (outputs.length === 0) lines.push('No outputs.');
  else {
    lines.push('| Name | Description |', '|------|-------------|');
    for (const o of outputs) lines.push(`| \`${o.name}\` | ${cell(o.description)} |`);
  }
  lines.push(END_MARKER);
  return lines.join('\n');
}

/** The README with its generated section replaced by `tables`. */
export function withTables(readme: string, tables: string): string {
  const begin = readme.indexOf(BEGIN_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (begin === -1 || end < begin) throw new Error(`the README has no ${BEGIN_MARKER} … ${END_MARKER} section`);
  return readme.slice(0, begin) + tables + readme.slice(end + END_MARKER.length);
}

/** The generated section as it stands in a README (from marker to marker), or undefined. */
export function tablesIn(readme: string): string | undefined {
  const begin = readme.indexOf(BEGIN_MARKER);
  const end = readme.indexOf(END_MARKER);
  return begin === -1 || end < begin ? undefined : readme.slice(begin, end + END_MARKER.length);
}
