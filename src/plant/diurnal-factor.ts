const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const peakHour = 15;

/**
 * Demand relative to the daily peak, 0.3 to 1: highest mid-afternoon (15:00 UTC), lowest around
 * 03:00, weekends at 80 %. A pure function of time, so any step order gives the same curve.
 */
export function diurnalFactor(timeMs: number): number {
  const hour = (((timeMs % dayMs) + dayMs) % dayMs) / hourMs;
  const wave = (1 + Math.cos((2 * Math.PI * (hour - peakHour)) / 24)) / 2;
  // 1 January 1970 was a Thursday: day 0 → weekday 4.
  const weekday = (((Math.floor(timeMs / dayMs) + 4) % 7) + 7) % 7;
  const weekend = weekday === 0 || weekday === 6 ? 0.8 : 1;
  return (0.3 + 0.7 * wave ** 1.3) * weekend;
}
