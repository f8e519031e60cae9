/**
 * The little XML text handling the package editor needs: escaping what it writes and reading the
 * attributes of the elements it finds by position. Parts are edited as text, never as a DOM, so a
 * 50,000-row sheet never becomes a tree in memory.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content and for attribute values in either quote style. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Escapes text for element content: quotes stay as they are, as Excel writes them (`'Summary'!$A$1`). */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return NAMED[entity] ?? whole;
  });
}

/** Attributes of one start tag (`<c r="A1" t="s">` or its inside), values unescaped; names keep their prefix. */
export function parseAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set(match[1] as string, unescapeXml(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

export interface StartTag {
  /** Qualified name as written, e.g. `worksheet` or `x:worksheet`. */
  name: string;
  attributes: Map<string, string>;
  /** Offsets of `<` and of the character after `>`. */
  start: number;
  end: number;
  selfClosing: boolean;
}

/** The first element start tag at or after `from` (skips the XML declaration, comments, DOCTYPE). */
export function firstStartTag(xml: string, from = 0): StartTag | undefined {
  const pattern = /<([A-Za-z_][\w.:-]*)((?:\s+[^>]*?)?)(\/?)>/g;
  pattern.lastIndex = from;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    const before = xml.lastIndexOf('<!--', match.index);
    if (before !== -1 && xml.indexOf('-->', before) > match.index) continue;
    return {
      name: match[1] as string,
      attributes: parseAttributes(match[2] ?? ''),
      start: match.index,
      end: match.index + match[0].length,
      selfClosing: match[3] === '/',
    };
  }
  return undefined;
}

/** The local part of a qualified name: `xdr:wsDr` → `wsDr`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** The prefix an element's start tag binds to `namespace` (`''` for the default namespace), if any. */
export function prefixFor(tag: StartTag, namespace: string): string | undefined {
  for (const [name, value] of tag.attributes) {
    if (value !== namespace) continue;
    if (name === 'xmlns') return '';
    if (name.startsWith('xmlns:')) return name.slice('xmlns:'.length);
  }
  return undefined;
}
