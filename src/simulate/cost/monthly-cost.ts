import { InputError, type InputIssue } from '../../model/index.js';
import type { EgressKind, PriceTable } from './price-table.js';

/** Billing convention of AWS, Azure and GCP list prices: 730 hours a month (8760 / 12). */
export const hoursPerMonth = 730;
export const secondsPerMonth = hoursPerMonth * 3600;

export interface InstanceUsage {
  /** Name of the line, e.g. the instance or group id. */
  id: string;
  type: string;
  count?: number;
  /** Hours running per month; default 730 (always on). */
  hoursPerMonth?: number;
}

export interface StorageUsage {
  id: string;
  gigabytes: number;
}

export interface EgressUsage {
  id: string;
  kind: EgressKind;
  /** Mean rate over the month. */
  bytesPerSecond: number;
}

export interface Usage {
  instances?: readonly InstanceUsage[];
  storage?: readonly StorageUsage[];
  egress?: readonly EgressUsage[];
}

export type CostCategory = 'instance' | 'storage' | 'egress';

export interface CostLine {
  category: CostCategory;
  id: string;
  /** What was priced: instance type, `storage`, or the egress kind. */
  item: string;
  quantity: number;
  unit: 'instance-hours' | 'GB-month' | 'GB';
  unitPrice: number;
  monthly: number;
}

export interface CostSet {
  currency: string;
  lines: CostLine[];
  total: number;
  byCategory: Record<CostCategory, number>;
}

/** GB a mean rate moves in a month of 730 h: bytes/s × 2,628,000 s / bytes per GB. */
export function monthlyGigabytes(bytesPerSecond: number, bytesPerGb = 1e9): number {
  return (bytesPerSecond * secondsPerMonth) / bytesPerGb;
}

/** Monthly cost of instances, storage and egress at list prices (no discounts, tiers or free allowances). */
export function monthlyCost(table: PriceTable, usage: Usage): CostSet {
  const issues: InputIssue[] = [];
  const lines = [
    ...(usage.instances ?? []).map((use, k) => instanceLine(table, use, `instances[${k}]`, issues)),
    ...(usage.storage ?? []).map((use, k) => storageLine(table, use, `storage[${k}]`, issues)),
    ...(usage.egress ?? []).map((use, k) => egressLine(table, use, `egress[${k}]`, issues)),
  ];
  if (issues.length > 0) throw new InputError('invalid usage', issues);
  const byCategory: Record<CostCategory, number> = { instance: 0, storage: 0, egress: 0 };
  for (const line of lines) byCategory[line.category] += line.monthly;
  return {
    currency: table.currency,
    lines,
    total: byCategory.instance + byCategory.storage + byCategory.egress,
    byCategory,
  };
}

function instanceLine(table: PriceTable, use: InstanceUsage, field: string, issues: InputIssue[]): CostLine {
  const unitPrice = Object.hasOwn(table.instanceHourly, use.type)
    ? table.instanceHourly[use.type]!
    : Number.NaN;
  if (Number.isNaN(unitPrice))
    issues.push({ field: `${field}.type`, message: `no price for instance type ${use.type}` });
  const count = use.count ?? 1;
  const hours = use.hoursPerMonth ?? hoursPerMonth;
  nonNegative(count, `${field}.count`, issues);
  if (!(hours >= 0 && hours <= hoursPerMonth)) {
    issues.push({ field: `${field}.hoursPerMonth`, message: `must be in [0, ${hoursPerMonth}]` });
  }
  const quantity = count * hours;
  return {
    category: 'instance',
    id: use.id,
    item: use.type,
    quantity,
    unit: 'instance-hours',
    unitPrice,
    monthly: quantity * unitPrice,
  };
}

function storageLine(table: PriceTable, use: StorageUsage, field: string, issues: InputIssue[]): CostLine {
  const unitPrice = table.storagePerGbMonth ?? Number.NaN;
  if (table.storagePerGbMonth === undefined)
    issues.push({ field, message: 'the price table has no storagePerGbMonth' });
  nonNegative(use.gigabytes, `${field}.gigabytes`, issues);
  return {
    category: 'storage',
    id: use.id,
    item: 'storage',
    quantity: use.gigabytes,
    unit: 'GB-month',
    unitPrice,
    monthly: use.gigabytes * unitPrice,
  };
}

function egressLine(table: PriceTable, use: EgressUsage, field: string, issues: InputIssue[]): CostLine {
  const unitPrice = Object.hasOwn(table.egressPerGb, use.kind) ? table.egressPerGb[use.kind] : Number.NaN;
  if (Number.isNaN(unitPrice))
    issues.push({ field: `${field}.kind`, message: `unknown egress kind ${use.kind}` });
  nonNegative(use.bytesPerSecond, `${field}.bytesPerSecond`, issues);
  const quantity = monthlyGigabytes(use.bytesPerSecond, table.bytesPerGb);
  return {
    category: 'egress',
    id: use.id,
    item: use.kind,
    quantity,
    unit: 'GB',
    unitPrice,
    monthly: quantity * unitPrice,
  };
}

function nonNegative(value: number, field: string, issues: InputIssue[]): void {
  if (!(value >= 0) || !Number.isFinite(value))
    issues.push({ field, message: 'must be a finite number ≥ 0' });
}
