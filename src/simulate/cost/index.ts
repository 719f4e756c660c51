export type { CostDiff, CostDiffLine } from './cost-diff.js';
export { diffCosts } from './cost-diff.js';
export type {
  CostCategory,
  CostLine,
  CostSet,
  EgressUsage,
  InstanceUsage,
  StorageUsage,
  Usage,
} from './monthly-cost.js';
export { hoursPerMonth, monthlyCost, monthlyGigabytes, secondsPerMonth } from './monthly-cost.js';
export type { EgressKind, PriceTable } from './price-table.js';
export { egressKinds, parsePriceTable } from './price-table.js';
