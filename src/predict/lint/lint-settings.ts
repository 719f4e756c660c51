/** The knobs of the lint rules; every one has a documented default (docs/config-lint.md). */
export interface LintSettings {
  /** The time certificates are judged at, epoch ms. */
  now: number;
  /** vCPUs allowed per physical core, unless the host says otherwise (`cpuAllocationRatio`). */
  cpuAllocationRatio: number;
  /** Guest memory allowed per byte of host memory, unless the host says (`memoryAllocationRatio`). */
  memoryAllocationRatio: number;
  /** A certificate expiring within this many days is a warning. */
  certificateWarningDays: number;
  /** Label keys whose value groups entities of one kind for version drift (besides the `role` prop). */
  driftGroupLabels: readonly string[];
}

/**
 * 4 vCPUs per core is a common ceiling for general-purpose virtualisation (VMware's and
 * OpenStack's guidance runs from 3:1 to 5:1 for mixed loads); memory is not over-committed by
 * default because ballooning and swap turn it into latency.
 */
export function defaultLintSettings(now: number = Date.now()): LintSettings {
  return {
    now,
    cpuAllocationRatio: 4,
    memoryAllocationRatio: 1,
    certificateWarningDays: 30,
    driftGroupLabels: ['role'],
  };
}
