/** Plain text for people: aligned columns and long lists cut short, as the ops CLI and the notifications print them. */

/** Rows of cells as aligned columns, each line indented by two spaces; the last cell is not padded. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
}

/** At most `max` lines of a list, then one line, from `rest`, saying how many more there are. */
export function capped(lines: readonly string[], max: number, rest: (more: number) => string): string[] {
  return lines.length <= max ? [...lines] : [...lines.slice(0, max), rest(lines.length - max)];
}

/** One line of at most `max` characters, cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
