import { InputError } from '../../model/index.js';
import { type HostPowerState, hostPowerWatts, type PowerModel } from './host-power.js';

/** One stretch of time during which a host's state is taken as constant. */
export interface PowerSegment {
  durationSeconds: number;
  state: HostPowerState;
}

export const joulesPerKilowattHour = 3.6e6;

/**
 * Energy in joules over consecutive segments, each at its constant power (a step function, as
 * telemetry sampled per interval is). Sampling finer gives the integral of any smoother profile.
 */
export function energyJoules(model: PowerModel, segments: readonly PowerSegment[]): number {
  let joules = 0;
  segments.forEach((segment, index) => {
    if (!Number.isFinite(segment.durationSeconds) || segment.durationSeconds < 0) {
      throw new InputError('invalid power segment', [
        { field: `segments[${index}].durationSeconds`, message: 'must be a finite number ≥ 0' },
      ]);
    }
    joules += hostPowerWatts(model, segment.state) * segment.durationSeconds;
  });
  return joules;
}

export function joulesToKilowattHours(joules: number): number {
  return joules / joulesPerKilowattHour;
}
