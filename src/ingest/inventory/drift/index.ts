export { comparableValue, sameComparable } from './comparable-value.js';
export {
  computeDrift,
  type DriftItem,
  type DriftOptions,
  type DriftReport,
  type Witness,
} from './drift-report.js';
export { SourceClaimsBook } from './source-claims-book.js';
