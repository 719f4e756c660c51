import { InputError } from '../../model/index.js';

/**
 * Seconds to run a job of `lengthMi` million instructions on a VM of `mips` million instructions
 * per second, alone on its share (CloudSim's cloudlet arithmetic). Used with a power model to get
 * a job's energy; contention is the queueing models' business, not this helper's.
 */
export function executionSeconds(lengthMi: number, mips: number): number {
  const issues = [];
  if (!Number.isFinite(lengthMi) || lengthMi < 0) issues.push({ field: 'lengthMi', message: 'must be ≥ 0' });
  if (!Number.isFinite(mips) || mips <= 0) issues.push({ field: 'mips', message: 'must be > 0' });
  if (issues.length > 0) throw new InputError('invalid job', issues);
  return lengthMi / mips;
}
