import type { DecodeIssue } from '../raw-sample.js';

/** Enough to show what is wrong without letting one bad request grow an unbounded list. */
const maxIssues = 100;
const maxIssuesInMessage = 3;

/** Counts rejected data points and keeps the first few reasons, for the partial-success reply. */
export class Rejections {
  count = 0;
  readonly issues: DecodeIssue[] = [];

  /** `field` is a function so the path is built only for the issues that are kept. */
  add(message: string, field: () => string): void {
    this.count++;
    if (this.issues.length < maxIssues) this.issues.push({ message, field: field() });
  }

  /** The partial-success error_message: how many, and the first reasons with their places. */
  errorMessage(): string | undefined {
    if (this.count === 0) return undefined;
    const listed = this.issues
      .slice(0, maxIssuesInMessage)
      .map((issue) => `${issue.field}: ${issue.message}`);
    const more = this.count > listed.length ? `; and ${this.count - listed.length} more` : '';
    return `${this.count} data point(s) rejected: ${listed.join('; ')}${more}`;
  }
}
