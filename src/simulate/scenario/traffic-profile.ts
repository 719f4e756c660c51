/**
 * How a traffic multiplier changes over a scenario's time, in seconds from its start:
 * constant, a linear ramp (a launch or a "Black Friday" build-up) or a daily curve.
 */
export type TrafficProfile =
  | { readonly type: 'constant'; readonly multiplier: number }
  | {
      readonly type: 'ramp';
      readonly from: number;
      readonly to: number;
      readonly startSeconds: number;
      readonly endSeconds: number;
    }
  | {
      readonly type: 'daily';
      readonly peak: number;
      readonly trough: number;
      /** Hour of the day (0–24) at which traffic peaks. */
      readonly peakHour: number;
      /** Hour of the day at the scenario's start. */
      readonly startHour: number;
    };

export function multiplierAt(profile: TrafficProfile, seconds: number): number {
  switch (profile.type) {
    case 'constant':
      return profile.multiplier;
    case 'ramp': {
      if (seconds <= profile.startSeconds) return profile.from;
      if (seconds >= profile.endSeconds) return profile.to;
      const share = (seconds - profile.startSeconds) / (profile.endSeconds - profile.startSeconds);
      return profile.from + (profile.to - profile.from) * share;
    }
    case 'daily': {
      const hour = (profile.startHour + seconds / 3600) % 24;
      const phase = (2 * Math.PI * (hour - profile.peakHour)) / 24;
      return profile.trough + ((profile.peak - profile.trough) * (1 + Math.cos(phase))) / 2;
    }
  }
}

/** The largest multiplier a profile reaches: where a steady-state scenario looks. */
export function peakMultiplier(profile: TrafficProfile): number {
  switch (profile.type) {
    case 'constant':
      return profile.multiplier;
    case 'ramp':
      return Math.max(profile.from, profile.to);
    case 'daily':
      return Math.max(profile.peak, profile.trough);
  }
}
