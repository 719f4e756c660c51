import { formatNumber } from './format-number';

const binaryPrefixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const decimalPrefixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/** Scales by 1000 or 1024 with SI or IEC prefixes: 5256609 bytes/s → "5.01 MiB/s". */
function scaled(value: number, base: number, prefixes: readonly string[], unit: string): string {
  let index = 0;
  let scaledValue = value;
  while (Math.abs(scaledValue) >= base && index < prefixes.length - 1) {
    scaledValue /= base;
    index++;
  }
  return `${formatNumber(scaledValue)} ${prefixes[index]}${unit}`;
}

function seconds(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && magnitude < 1e-3) return `${formatNumber(value * 1e6)} µs`;
  if (magnitude !== 0 && magnitude < 1) return `${formatNumber(value * 1e3)} ms`;
  return `${formatNumber(value)} s`;
}

/**
 * A metric value with its unit as the kind catalog declares it (GET /api/kinds): ratios as
 * percentages, bytes with binary prefixes, watts and bits with decimal ones.
 */
export function formatMetric(value: number, unit: string | undefined): string {
  switch (unit) {
    case 'ratio':
    case 'probability':
      return `${formatNumber(value * 100)} %`;
    case 'celsius':
      return `${formatNumber(value)} °C`;
    case 'bytes':
      return scaled(value, 1024, binaryPrefixes, 'B');
    case 'bytes/s':
      return scaled(value, 1024, binaryPrefixes, 'B/s');
    case 'bit/s':
      return scaled(value, 1000, decimalPrefixes, 'bit/s');
    case 'watts':
      return scaled(value, 1000, decimalPrefixes, 'W');
    case 'Wh':
      return scaled(value, 1000, decimalPrefixes, 'Wh');
    case 's':
      return seconds(value);
    case undefined:
    case '':
      return formatNumber(value);
    default:
      return `${formatNumber(value)} ${unit}`;
  }
}
