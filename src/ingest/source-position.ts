import { LineCounter } from 'yaml';

/** A field's path inside a parsed file: `['entities', 3, 'props', 'units']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** Where to point for a problem: the value at `path`, or with `onKey` the key that names it. */
export interface PositionRequest {
  path: FieldPath;
  onKey?: boolean;
}

/** One-based, as editors count. */
export interface SourcePosition {
  line: number;
  column: number;
}

const plainKey = /^[A-Za-z_$][\w$-]*$/;

/**
 * `entities[3].props.units`: the notation of InputIssue.field. A key that would make the path
 * ambiguous (`app.kubernetes.io/name`, or one with spaces) is written `labels["app.kubernetes.io/name"]`.
 */
export function formatPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (!plainKey.test(part)) text += `[${JSON.stringify(part)}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text;
}

/** A line counter for text that the YAML lexer never saw (JSON read with JSON.parse). */
export function countLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lines.addNewLine(index + 1);
  }
  return lines;
}

export function positionAt(lines: LineCounter, offset: number): SourcePosition {
  const { line, col } = lines.linePos(offset);
  // linePos reports line 0 only before the first recorded line start; every counter here has one.
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}
