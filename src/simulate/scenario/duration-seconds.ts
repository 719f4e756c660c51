const unitSeconds: Readonly<Record<string, number>> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
};
const durationText = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/;

/**
 * A duration as a number of seconds or as text (`90s`, `10m`, `2h`, `1d`, `1h30m`); undefined
 * for anything else, including negative numbers.
 */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  let rest = value.trim();
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const match = durationText.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * (unitSeconds[match[2] as string] as number);
    rest = rest.slice(match[0].length);
  }
  return total;
}
