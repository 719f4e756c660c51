import { InputError, type InputIssue } from '../../model/index.js';

/**
 * Collects every problem of an input before throwing, so one InputError names all bad fields at
 * once instead of making the caller fix them one run at a time.
 */
export class IssueList {
  readonly issues: InputIssue[] = [];

  add(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  /** True when `value` is a finite number ≥ `min` (or > `min` when `strict`); records an issue otherwise. */
  number(value: unknown, field: string, min: number, strict = false): value is number {
    const ok = typeof value === 'number' && Number.isFinite(value) && (strict ? value > min : value >= min);
    if (!ok) this.add(field, `must be a finite number ${strict ? '>' : '≥'} ${min}`);
    return ok;
  }

  positiveInteger(value: unknown, field: string): value is number {
    const ok = typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
    if (!ok) this.add(field, 'must be a positive integer');
    return ok;
  }

  nonNegativeInteger(value: unknown, field: string): value is number {
    const ok = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    if (!ok) this.add(field, 'must be a non-negative integer');
    return ok;
  }

  /** True when `value` is an array, of `length` elements when given. */
  array(value: unknown, field: string, length?: number): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(field, 'must be an array');
      return false;
    }
    if (length !== undefined && value.length !== length) {
      this.add(field, `must have ${length} elements (one per station), not ${value.length}`);
      return false;
    }
    return true;
  }

  throwIfAny(message: string): void {
    if (this.issues.length > 0) throw new InputError(message, this.issues);
  }
}
