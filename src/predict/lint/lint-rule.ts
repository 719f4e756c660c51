import type { TwinView } from '../../model/index.js';
import type { LintFinding } from './lint-finding.js';
import type { LintSettings } from './lint-settings.js';

/** One configuration check: a pure function of a twin snapshot. */
export interface LintRule {
  /** Kebab-case, as `--rule` names it. */
  readonly name: string;
  readonly description: string;
  check(view: TwinView, settings: LintSettings): LintFinding[];
}
