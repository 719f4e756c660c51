/** Where in the text a problem is: 1-based, as editors count. */
export interface TextPosition {
  line: number;
  column?: number;
}

/** The text is not an Nmap XML report at all; nothing of it was read. */
export class NmapParseError extends Error {
  readonly line?: number;
  readonly column?: number;

  constructor(problem: string, position?: TextPosition) {
    super(position ? `${describePosition(position)}: ${problem}` : problem);
    this.name = 'NmapParseError';
    if (position) {
      this.line = position.line;
      if (position.column !== undefined) this.column = position.column;
    }
  }
}

export function describePosition(position: TextPosition): string {
  return position.column === undefined
    ? `line ${position.line}`
    : `line ${position.line}, column ${position.column}`;
}
