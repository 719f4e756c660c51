import { solveClosedNetwork } from '../queueing/index.js';
import { callOrder } from './estate-calibration.js';
import { type EstateModel, holdSeconds } from './estate-model.js';

export interface ClosedWorkload {
  /** Requests per second the users send into the entry point. */
  readonly throughput: number;
  /** Mean response time a user sees, seconds. */
  readonly responseSeconds: number;
}

/** Exact MVA with multi-server stations costs O(stations · users²): beyond this, too slow to wait for. */
export const maxClosedPopulation = 5_000;

/**
 * A closed workload: `population` users each sending a request into `entry`, waiting for the
 * answer and thinking `thinkSeconds` before the next (a batch, a call centre, a load test). The
 * rate they can send is solved by exact mean value analysis over the services the entry reaches:
 * each a station with as many servers as its replicas have cores, visited as often as the call
 * graph calls it per request, held for its service time.
 */
export function solveClosedWorkload(
  model: EstateModel,
  entry: number,
  population: number,
  thinkSeconds: number,
): ClosedWorkload {
  const visits = visitsFrom(model, entry);
  const stations = [...visits.entries()].flatMap(([s, count]) => {
    const service = model.services[s];
    const hold = service ? holdSeconds(service) : undefined;
    if (!service || hold === undefined || count <= 0) return [];
    const cores = service.replicas.reduce((sum, r) => sum + (model.replicas[r]?.cores ?? 0), 0);
    return cores > 0 ? [{ serviceTime: hold, visits: count, servers: Math.round(cores) }] : [];
  });
  if (stations.length === 0)
    return { throughput: population / Math.max(thinkSeconds, 1e-9), responseSeconds: 0 };
  const solved = solveClosedNetwork({ stations, population, thinkTime: thinkSeconds });
  return { throughput: solved.throughput, responseSeconds: solved.responseTime };
}

/** Visits per request to the entry, for every service it reaches: calls multiply along paths. */
function visitsFrom(model: EstateModel, entry: number): Map<number, number> {
  const visits = new Float64Array(model.services.length);
  visits[entry] = 1;
  // Callers before callees, so each service's visits are complete before it passes them on.
  for (const s of callOrder(model)) {
    const here = visits[s] as number;
    if (here === 0) continue;
    for (const call of model.services[s]?.callees ?? []) {
      visits[call.to] = (visits[call.to] as number) + here * call.calls;
    }
  }
  const reached = new Map<number, number>();
  visits.forEach((count, s) => {
    if (count > 0) reached.set(s, count);
  });
  return reached;
}
