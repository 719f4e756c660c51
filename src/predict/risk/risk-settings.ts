/** Limits and horizons of the risk rules: one set for the whole estate, overridable in configuration. */
export interface RiskSettings {
  /** Filesystems are failing at this fullness (ext4 keeps the last 5 % for root). */
  diskFullRatio: number;
  /** How far ahead a disk or memory forecast is worth an alert. */
  capacityHorizonMs: number;
  /** Memory use at which the OOM killer or swapping is expected. */
  memoryExhaustedRatio: number;
  linkSaturatedRatio: number;
  linkHorizonMs: number;
  /** ASHRAE TC 9.9 recommended envelope, upper end (class A1–A4). */
  inletRecommendedMaxCelsius: number;
  /** ASHRAE class A1 allowable upper end. */
  inletAllowableMaxCelsius: number;
  thermalHorizonMs: number;
  /** Availability objective for services without their own (`sloAvailability` prop). */
  defaultAvailability: number;
  /** A series with no sample for this long is not judged. */
  staleAfterMs: number;
}

export const defaultRiskSettings: RiskSettings = {
  diskFullRatio: 0.95,
  capacityHorizonMs: 7 * 86_400_000,
  memoryExhaustedRatio: 0.9,
  linkSaturatedRatio: 0.9,
  linkHorizonMs: 3_600_000,
  inletRecommendedMaxCelsius: 27,
  inletAllowableMaxCelsius: 32,
  thermalHorizonMs: 3_600_000,
  defaultAvailability: 0.999,
  staleAfterMs: 5 * 60_000,
};
