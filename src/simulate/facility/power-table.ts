import { InputError } from '../../model/index.js';
import { clampUtilisation } from './linear-power.js';

/**
 * Power from a SPECpower-style table: watts at equally spaced utilisations from 0 to 1
 * (11 points for the 0 %, 10 % … 100 % steps), linear between points as CloudSim does.
 */
export function tablePowerWatts(wattsAtSteps: readonly number[], utilisation: number): number {
  checkPowerTable(wattsAtSteps);
  const steps = wattsAtSteps.length - 1;
  const position = clampUtilisation(utilisation) * steps;
  const lower = Math.min(Math.floor(position), steps - 1);
  const from = wattsAtSteps[lower]!;
  const to = wattsAtSteps[lower + 1]!;
  return from + (to - from) * (position - lower);
}

/** Throws InputError unless the table has ≥ 2 finite, non-negative values. */
export function checkPowerTable(wattsAtSteps: readonly number[], field = 'wattsAtSteps'): void {
  if (wattsAtSteps.length < 2) {
    throw new InputError('invalid power table', [
      { field, message: 'needs at least 2 points (0 % and 100 %)' },
    ]);
  }
  const issues = wattsAtSteps.flatMap((watts, index) =>
    Number.isFinite(watts) && watts >= 0
      ? []
      : [{ field: `${field}[${index}]`, message: 'must be a finite number ≥ 0' }],
  );
  if (issues.length > 0) throw new InputError('invalid power table', issues);
}
