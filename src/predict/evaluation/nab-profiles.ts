/** The weights one NAB application profile gives to true positives, false positives and misses. */
export interface NabCostMatrix {
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
}

export type NabProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

/** NAB's config/profiles.json (v1.1): the three profiles its scoreboard reports. */
export const NAB_PROFILES: Readonly<Record<NabProfileName, NabCostMatrix>> = {
  standard: { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  reward_low_FP_rate: { tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  reward_low_FN_rate: { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
};

export const NAB_PROFILE_NAMES: readonly NabProfileName[] = [
  'standard',
  'reward_low_FP_rate',
  'reward_low_FN_rate',
];

/** NAB ignores the first 15 % of each file (at most 750 rows): detectors learn there. */
export const NAB_PROBATION_FRACTION = 0.15;

export function nabProbationLength(rowCount: number, fraction = NAB_PROBATION_FRACTION): number {
  return Math.min(Math.floor(fraction * rowCount), fraction * 5000);
}
