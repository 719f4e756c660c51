/** Where in an input a problem sits: a field path, and for files the file, line and column. */
export interface InputIssue {
  message: string;
  /** Dotted path of the offending field, e.g. `entities[3].props.ratedWatts`. */
  field?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Domain errors. The API maps each to one HTTP status in one place; domain code never speaks HTTP. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly issues: InputIssue[];
  constructor(message: string, issues: InputIssue[] = []) {
    super(message);
    this.issues = issues;
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

export class NotAllowedError extends Error {
  override readonly name = 'NotAllowedError';
}

/** Formats an issue as `file:line:column: field: message` with whatever parts are known. */
export function formatIssue(issue: InputIssue): string {
  const place = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  const field = issue.field ? `${issue.field}: ` : '';
  return `${place ? `${place}: ` : ''}${field}${issue.message}`;
}
