/** One endpoint to pull metrics from. */
export interface ScrapeTarget {
  /** `http://10.0.0.5:9100/metrics`; http: or https:, no credentials. */
  url: string;
  intervalMs: number;
  /** At most intervalMs; covers resolution, connection and the whole body. */
  timeoutMs: number;
  /** Set on every sample, over `job` and `instance` when they collide. */
  labels?: Record<string, string>;
  /** The `job` label; default `scrape`. */
  job?: string;
}

/** What one scrape did; `error` says why when `ok` is false. */
export interface ScrapeOutcome {
  target: string;
  ok: boolean;
  /** Epoch ms, from the scraper's clock; also the parser's `nowMs`. */
  startedAt: number;
  durationMs: number;
  httpStatus?: number;
  error?: string;
  samples: number;
  contentType?: string;
}

export const defaultJob = 'scrape';
