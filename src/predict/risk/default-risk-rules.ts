import type { RiskRule } from './risk-rule.js';
import { diskFullRule, linkSaturationRule, memoryLeakRule } from './rules/capacity-rules.js';
import { coolingRule } from './rules/cooling-rules.js';
import { hostFanFailureRule } from './rules/host-fan-rule.js';
import { misconfigurationRule } from './rules/misconfiguration-rule.js';
import { powerRedundancyRule } from './rules/power-redundancy-rule.js';
import { latencyRule, sloBurnRule } from './rules/slo-rules.js';
import { cpuOverheatingRule, inletOverheatingRule } from './rules/thermal-rules.js';

/** Every built-in risk rule, in the order their findings are listed. */
export function defaultRiskRules(): RiskRule[] {
  return [
    coolingRule(),
    inletOverheatingRule(),
    hostFanFailureRule(),
    cpuOverheatingRule(),
    diskFullRule(),
    memoryLeakRule(),
    linkSaturationRule(),
    powerRedundancyRule(),
    sloBurnRule(),
    latencyRule(),
    misconfigurationRule(),
  ];
}
