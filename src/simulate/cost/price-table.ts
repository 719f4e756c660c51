import { InputError, type InputIssue } from '../../model/index.js';

export type EgressKind = 'internet' | 'interRegion' | 'intraRegion';

export const egressKinds: readonly EgressKind[] = ['internet', 'interRegion', 'intraRegion'];

/** Prices in one currency: instances per hour, storage per GB-month, egress per GB by destination. */
export interface PriceTable {
  currency: string;
  /** Instance type → price per hour. */
  instanceHourly: Readonly<Record<string, number>>;
  storagePerGbMonth?: number;
  egressPerGb: Readonly<Record<EgressKind, number>>;
  /** Bytes in a billed GB: 1e9 (default) or 2^30 where a provider bills GiB. */
  bytesPerGb: number;
}

/**
 * Validates a price table from configuration (parsed YAML/JSON), reporting every bad field with
 * its path, e.g. `instanceHourly["m5.large"]` or `egressPerGb.internet`.
 */
export function parsePriceTable(input: unknown): PriceTable {
  const issues: InputIssue[] = [];
  if (!isRecord(input)) issues.push({ field: '', message: 'must be an object' });
  const table: Record<string, unknown> = isRecord(input) ? input : {};
  const currency = table.currency ?? 'USD';
  if (typeof currency !== 'string' || currency.length === 0) {
    issues.push({ field: 'currency', message: 'must be a non-empty string' });
  }
  const instanceHourly = parseInstancePrices(table.instanceHourly, issues);
  const egressPerGb = parseEgress(table.egressPerGb, issues);
  const storage = table.storagePerGbMonth;
  if (storage !== undefined) price(storage, 'storagePerGbMonth', issues);
  const bytesPerGb = table.bytesPerGb ?? 1e9;
  if (bytesPerGb !== 1e9 && bytesPerGb !== 2 ** 30) {
    issues.push({ field: 'bytesPerGb', message: 'must be 1e9 or 1073741824' });
  }
  if (issues.length > 0) throw new InputError('invalid price table', issues);
  return {
    currency: currency as string,
    instanceHourly,
    ...(storage !== undefined ? { storagePerGbMonth: storage as number } : {}),
    egressPerGb,
    bytesPerGb: bytesPerGb as number,
  };
}

function parseInstancePrices(input: unknown, issues: InputIssue[]): Record<string, number> {
  if (!isRecord(input)) {
    issues.push({ field: 'instanceHourly', message: 'must be an object of instance type → hourly price' });
    return {};
  }
  const prices: Record<string, number> = {};
  for (const [type, value] of Object.entries(input)) {
    if (price(value, `instanceHourly${keyPath(type)}`, issues)) prices[type] = value as number;
  }
  return prices;
}

function parseEgress(input: unknown, issues: InputIssue[]): Record<EgressKind, number> {
  const prices: Record<EgressKind, number> = { internet: 0, interRegion: 0, intraRegion: 0 };
  if (!isRecord(input)) {
    issues.push({ field: 'egressPerGb', message: `must be an object with ${egressKinds.join(', ')}` });
    return prices;
  }
  for (const kind of egressKinds) {
    if (price(input[kind], `egressPerGb.${kind}`, issues)) prices[kind] = input[kind] as number;
  }
  for (const key of Object.keys(input)) {
    if (!(egressKinds as readonly string[]).includes(key)) {
      issues.push({
        field: `egressPerGb${keyPath(key)}`,
        message: `unknown kind; expected ${egressKinds.join(', ')}`,
      });
    }
  }
  return prices;
}

function price(value: unknown, field: string, issues: InputIssue[]): boolean {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return true;
  issues.push({ field, message: 'must be a finite number ≥ 0' });
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `.name` for identifier keys, `["m5.large"]` otherwise, so the path stays unambiguous. */
function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
