import { LineCounter } from 'yaml';
import type { FieldPath } from '../model/index.js';

export type { FieldPath };

export interface PositionRequest {
  path: FieldPath;
  onKey?: boolean;
}

/** One-based, as editors count. */
export interface SourcePosition {
  line: number;
  column: number;
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
