import type { DecodeIssue } from '../raw-sample.js';

/** An issue at a 1-based line and column of a text input. */
export function issueAt(line: number, column: number, message: string): DecodeIssue {
  return { message, line, column };
}

/**
 * One line for a log or a problem report: `line 3, column 17: field value "12x" is not a number`.
 * The issue keeps the location in its own fields so that a UI can point at it; this is the text form.
 */
export function describeIssue(issue: DecodeIssue): string {
  const where: string[] = [];
  if (issue.line !== undefined) where.push(`line ${issue.line}`);
  if (issue.column !== undefined) where.push(`column ${issue.column}`);
  if (issue.field !== undefined) where.push(`field ${issue.field}`);
  return where.length === 0 ? issue.message : `${where.join(', ')}: ${issue.message}`;
}

/**
 * A short excerpt of the input for a message, quoted as JSON so that control characters and
 * quotes stay visible; long tokens are cut so that one bad megabyte line cannot flood the log.
 */
export function quoted(text: string, start: number, end: number): string {
  const limit = 40;
  const excerpt = end - start > limit ? `${text.slice(start, start + limit)}…` : text.slice(start, end);
  return JSON.stringify(excerpt);
}
