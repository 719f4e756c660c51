import type { RandomStream } from '../../model/index.js';
import { createSampler, exponentialSampler, type Sampler } from './create-sampler.js';
import { distributionMoments } from './distribution-moments.js';
import type { ArrivalProcessSpec } from './network-spec.js';
import { RateSchedule } from './rate-schedule.js';

/** A validated arrival stream, ready to draw from. */
export interface ArrivalProcess {
  /** The gap to the next arrival at multiplier 1. */
  gap: Sampler;
  schedule: RateSchedule | undefined;
  /** Arrivals per unit time in the long run (base rate × long-run multiplier). */
  longRunRate: number;
}

export function compileArrivalProcess(spec: ArrivalProcessSpec): ArrivalProcess {
  const schedule = spec.schedule ? new RateSchedule(spec.schedule) : undefined;
  const baseRate = spec.rate ?? 1 / distributionMoments(spec.interarrival!).mean;
  return {
    gap: spec.rate !== undefined ? exponentialSampler(1 / spec.rate) : createSampler(spec.interarrival!),
    schedule,
    longRunRate: baseRate * (schedule?.longRunMultiplier ?? 1),
  };
}

/** The time of the arrival after one at `now`. */
export function nextArrivalTime(process: ArrivalProcess, random: RandomStream, now: number): number {
  const gap = process.gap(random);
  return process.schedule === undefined ? now + gap : process.schedule.advance(now, gap);
}
