/** A point estimate with its confidence interval [low, high] (by batch means, Student t). */
export interface Estimate {
  mean: number;
  low: number;
  high: number;
  halfWidth: number;
}

export interface StationResult {
  name: string;
  servers: number;
  /** λᵢ·E[S]/c from the traffic equations at the long-run arrival rates: what the load should be. */
  offeredUtilisation: number;
  /** Time-average fraction of the c servers busy. */
  utilisation: Estimate;
  /** Time-average number at the station, waiting and in service. */
  meanNumber: Estimate;
  /** Mean time from arrival at the station to departure from it, per visit. */
  meanResponse: Estimate;
  /** Visits completed per unit time after the warm-up. */
  throughput: number;
}

export interface ResponseSummary extends Estimate {
  /** Empirical percentiles of the kept end-to-end response times (stored as float32: ±6e-8 relative). */
  p50: number;
  p95: number;
  p99: number;
}

export interface WarmupSummary {
  method: 'fraction' | 'mser-5';
  deletedCustomers: number;
  deletedTime: number;
  /** False when MSER's minimum lies at the end of its search range: the run is too short to trust. */
  reliable: boolean;
}

export interface SimulationResult {
  seed: number;
  /** Customers that left the network; the run stops at the requested number. */
  customers: number;
  /** Customers in the batches, after the warm-up deletion. */
  keptCustomers: number;
  warmup: WarmupSummary;
  batches: number;
  batchCustomers: number;
  confidence: number;
  /** Lag-1 correlation of the response batch means; well above 0.2 says batches are too short. */
  batchLag1Correlation: number;
  simulatedTime: number;
  events: number;
  /** Network throughput after the warm-up, customers per unit time. */
  throughput: number;
  /** End-to-end response time, from entering the network to leaving it. */
  response: ResponseSummary;
  stations: StationResult[];
}
