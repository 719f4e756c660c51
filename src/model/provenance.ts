/**
 * Where a value comes from: declared by a source of truth (an estate file, NetBox, Terraform),
 * observed (telemetry, discovery) or predicted (a forecast, a simulation).
 */
export type Origin = 'declared' | 'observed' | 'predicted';

export interface Provenance {
  origin: Origin;
  /** The source that wrote it, e.g. `estate:prod.yaml`, `plant`, `remote_write`. */
  source: string;
  /** Epoch milliseconds. */
  at: number;
  /** The change set that wrote it (live sequence number); absent for telemetry. */
  changeSet?: number;
  /** For predictions: how sure, in [0, 1]. */
  confidence?: number;
}
