import { InputError } from '../../model/index.js';

const units: ReadonlyArray<{ name: string; ms: number }> = [
  { name: 'w', ms: 7 * 86_400_000 },
  { name: 'd', ms: 86_400_000 },
  { name: 'h', ms: 3_600_000 },
  { name: 'm', ms: 60_000 },
  { name: 's', ms: 1_000 },
  { name: 'ms', ms: 1 },
];

/**
 * Parses a Prometheus-style duration: `90s`, `15m`, `24h`, `3d`, `1w`, `1h30m`, `250ms`.
 * Throws InputError naming the text when it is not one.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    const unit = units.find((entry) => entry.name === match[2]) as { ms: number };
    total += Number(match[1]) * unit.ms;
    consumed += match[0].length;
  }
  if (trimmed.length === 0 || consumed !== trimmed.length || !(total > 0)) {
    throw new InputError(`'${text}' is not a duration (examples: 30s, 15m, 24h, 7d, 1h30m)`);
  }
  return total;
}

/**
 * A duration for people, in its two largest units: `3 d 4 h`, `2 h 5 min`, `45 s`. Rounded to
 * the smaller unit shown, so `3 d 4 h` covers 3 d 3 h 30 min up to 3 d 4 h 30 min.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'never' : 'unknown';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const shown: ReadonlyArray<{ label: string; ms: number }> = [
    { label: 'd', ms: 86_400_000 },
    { label: 'h', ms: 3_600_000 },
    { label: 'min', ms: 60_000 },
    { label: 's', ms: 1_000 },
  ];
  let first = shown.findIndex((unit) => ms >= unit.ms);
  // Rounding may carry into the next unit up (59 min 59.9 s is 1 h, not 60 min).
  const roundedAt = (index: number) => {
    const unit = shown[index + 1] ?? (shown[index] as { ms: number });
    return Math.round(ms / unit.ms) * unit.ms;
  };
  while (first > 0 && roundedAt(first) >= (shown[first - 1] as { ms: number }).ms) first--;
  const big = shown[first] as { label: string; ms: number };
  const small = shown[first + 1];
  if (!small) return `${Math.round(ms / big.ms)} ${big.label}`;
  const smallCount = Math.round(ms / small.ms);
  const perBig = big.ms / small.ms;
  const bigCount = Math.floor(smallCount / perBig);
  const rest = smallCount - bigCount * perBig;
  return rest === 0 ? `${bigCount} ${big.label}` : `${bigCount} ${big.label} ${rest} ${small.label}`;
}
