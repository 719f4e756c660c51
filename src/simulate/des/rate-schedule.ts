import type { InputIssue } from '../../model/index.js';

/**
 * A piecewise-constant multiplier of an arrival stream's rate: `steps[i].multiplier` holds from
 * `steps[i].at` until the next step. With `period` the pattern repeats (a daily profile); without,
 * the last step holds forever.
 */
export interface RateScheduleSpec {
  steps: readonly { at: number; multiplier: number }[];
  period?: number;
}

/**
 * Maps an arrival stream's own clock onto simulated time. Interarrival gaps are drawn at the base
 * rate in "operational time" Λ(t) = ∫₀ᵗ m(s) ds and placed where Λ has advanced by the gap: for a
 * Poisson stream this is exactly the non-homogeneous Poisson process of rate λ·m(t), and for a
 * renewal stream the usual time-transformed renewal process.
 */
export class RateSchedule {
  private readonly starts: Float64Array;
  private readonly multipliers: Float64Array;
  private readonly period: number;
  /** Operational time accumulated over one whole period (periodic schedules only). */
  private readonly periodWork: number;

  constructor(spec: RateScheduleSpec) {
    this.starts = Float64Array.from(spec.steps, (step) => step.at);
    this.multipliers = Float64Array.from(spec.steps, (step) => step.multiplier);
    this.period = spec.period ?? Number.POSITIVE_INFINITY;
    let work = 0;
    if (spec.period !== undefined) {
      for (let i = 0; i < this.starts.length; i++)
        work += this.multipliers[i]! * (this.end(i) - this.starts[i]!);
    }
    this.periodWork = work;
  }

  /** The long-run mean multiplier: the average over a period, or the last step's. */
  get longRunMultiplier(): number {
    return Number.isFinite(this.period)
      ? this.periodWork / this.period
      : this.multipliers[this.multipliers.length - 1]!;
  }

  /** The multiplier in force at time t. */
  multiplierAt(time: number): number {
    return this.multipliers[this.segmentOf(this.phaseOf(time))]!;
  }

  /** The time t′ ≥ t at which operational time has advanced by `work` from t. */
  advance(time: number, work: number): number {
    let remaining = work;
    let cycleStart = time - this.phaseOf(time);
    let phase = time - cycleStart;
    if (this.periodWork > 0 && remaining > this.periodWork) {
      // Whole periods at once, so a long gap costs no more than a short one.
      const cycles = Math.floor(remaining / this.periodWork);
      remaining -= cycles * this.periodWork;
      cycleStart += cycles * this.period;
    }
    let segment = this.segmentOf(phase);
    for (;;) {
      const multiplier = this.multipliers[segment]!;
      const end = this.end(segment);
      const capacity = multiplier * (end - phase);
      if (multiplier > 0 && remaining <= capacity) return cycleStart + phase + remaining / multiplier;
      remaining -= capacity;
      segment++;
      if (segment === this.starts.length) {
        segment = 0;
        cycleStart += this.period;
      }
      phase = this.starts[segment]!;
    }
  }

  private end(segment: number): number {
    return segment + 1 < this.starts.length ? this.starts[segment + 1]! : this.period;
  }

  private phaseOf(time: number): number {
    return Number.isFinite(this.period) ? time - Math.floor(time / this.period) * this.period : time;
  }

  private segmentOf(phase: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= phase) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/** What is wrong with a schedule spec, with field paths under `field`. */
export function rateScheduleIssues(spec: unknown, field: string): InputIssue[] {
  if (typeof spec !== 'object' || spec === null) return [{ field, message: 'must be an object with steps' }];
  const { steps, period } = spec as { steps?: unknown; period?: unknown };
  const issues: InputIssue[] = [];
  const periodic = period !== undefined;
  if (periodic && !(typeof period === 'number' && Number.isFinite(period) && period > 0)) {
    issues.push({ field: `${field}.period`, message: 'must be a finite number > 0' });
  }
  if (!Array.isArray(steps) || steps.length === 0) {
    return [
      ...issues,
      { field: `${field}.steps`, message: 'must be a non-empty array of { at, multiplier }' },
    ];
  }
  steps.forEach((step: { at?: unknown; multiplier?: unknown } | null, i) => {
    const at = step?.at;
    const multiplier = step?.multiplier;
    const previous = i > 0 ? (steps[i - 1] as { at?: unknown } | null)?.at : undefined;
    if (i === 0 && at !== 0) issues.push({ field: `${field}.steps[0].at`, message: 'must be 0' });
    else if (
      typeof at !== 'number' ||
      !Number.isFinite(at) ||
      (typeof previous === 'number' && at <= previous)
    ) {
      issues.push({
        field: `${field}.steps[${i}].at`,
        message: 'must be a finite number above the previous step',
      });
    } else if (periodic && typeof period === 'number' && at >= period) {
      issues.push({ field: `${field}.steps[${i}].at`, message: 'must be below the period' });
    }
    if (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier < 0) {
      issues.push({ field: `${field}.steps[${i}].multiplier`, message: 'must be a finite number ≥ 0' });
    }
  });
  if (issues.length > 0) return issues;
  const multipliers = steps.map((step: { multiplier: number }) => step.multiplier);
  if (periodic ? !multipliers.some((m) => m > 0) : multipliers[multipliers.length - 1] === 0) {
    issues.push({
      field: `${field}.steps`,
      message: 'arrivals would stop for ever: a multiplier must stay > 0',
    });
  }
  return issues;
}
