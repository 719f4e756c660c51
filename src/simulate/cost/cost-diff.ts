import { InputError } from '../../model/index.js';
import type { CostCategory, CostSet } from './monthly-cost.js';

export interface CostDiffLine {
  category: CostCategory;
  id: string;
  item: string;
  before: number;
  after: number;
  delta: number;
}

export interface CostDiff {
  currency: string;
  before: number;
  after: number;
  delta: number;
  /** Lines whose monthly cost changed, largest absolute change first. */
  changed: CostDiffLine[];
}

/**
 * What changes between two cost sets (e.g. the live estate and a fork), line by line. Lines match
 * on category, id and item, so an instance resized from one type to another shows as one line
 * removed and one added.
 */
export function diffCosts(before: CostSet, after: CostSet): CostDiff {
  if (before.currency !== after.currency) {
    throw new InputError('cannot compare cost sets', [
      { field: 'after.currency', message: `is ${after.currency}, before is ${before.currency}` },
    ]);
  }
  const lines = new Map<string, CostDiffLine>();
  const entry = (line: CostSet['lines'][number]) => {
    const key = JSON.stringify([line.category, line.id, line.item]);
    let found = lines.get(key);
    if (!found) {
      found = { category: line.category, id: line.id, item: line.item, before: 0, after: 0, delta: 0 };
      lines.set(key, found);
    }
    return found;
  };
  for (const line of before.lines) entry(line).before += line.monthly;
  for (const line of after.lines) entry(line).after += line.monthly;
  const changed = [...lines.values()]
    .map((line) => ({ ...line, delta: line.after - line.before }))
    .filter((line) => line.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.id.localeCompare(b.id));
  return {
    currency: after.currency,
    before: before.total,
    after: after.total,
    delta: after.total - before.total,
    changed,
  };
}
