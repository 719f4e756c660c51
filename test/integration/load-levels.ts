// Measures a service at several load levels in interleaved blocks, with the CPU each level used.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { CpuBoundService } from './cpu-bound-service-client.js';
import { type LatencySummary, type LoadPhase, startOpenLoop } from './open-loop-load.js';

/** Busy and total jiffies of the whole machine, from /proc/stat; undefined off Linux. */
function machineJiffies(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    // idle and iowait are the idle columns (4th and 5th).
    return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

export interface LevelMeasurement extends LatencySummary {
  readonly label: string;
  readonly offeredRate: number;
  /** Requests per second the server completed in the measured windows. */
  readonly throughput: number;
  /** The server process's CPU seconds per wall second (one core = 1). */
  readonly cpuUtilization: number;
  /** Utilisation law: CPU seconds per request, everything the process spent included. */
  readonly demandSeconds: number;
  /** CPU seconds per request inside the handler's loop alone. */
  readonly handlerCpuSeconds: number;
  /** The handler's wall time per request and its squared coefficient of variation. */
  readonly handlerWallSeconds: number;
  readonly handlerWallScv: number;
  /** All cores of the machine, busy share; undefined off Linux. */
  readonly machineUtilization: number | undefined;
  /**
   * Cores busy with neither the service nor this process (the load generator and its host):
   * other work on the machine, which stretches the service's time by taking its core.
   */
  readonly neighbourCores: number | undefined;
}

export interface LevelPlan {
  readonly label: string;
  readonly ratePerSecond: number;
}

export interface MeasurePlan {
  readonly levels: readonly LevelPlan[];
  /** Rounds of every level; the order alternates (A B C, C B A, …) so drift hits all alike. */
  readonly rounds: number;
  /** Seconds measured per level per round, after `settleSeconds` at that level unmeasured. */
  readonly blockSeconds: number;
  readonly settleSeconds: number;
  /** Unmeasured load at the first level before everything: JIT, connections, caches. */
  readonly warmupSeconds: number;
  readonly seed: number;
}

/**
 * Runs every level in interleaved blocks and measures, per level, latency from the client and
 * CPU time, throughput and handler time from the server at each block's edges. Interleaving is
 * the point: a neighbour that loads the machine for ten seconds then lands on every level a
 * little instead of on one level entirely.
 */
export async function measureLoadLevels(
  service: CpuBoundService,
  plan: MeasurePlan,
): Promise<Map<string, LevelMeasurement>> {
  const phases: LoadPhase[] = [];
  const first = plan.levels[0];
  if (!first) throw new Error('no load levels');
  phases.push({ ratePerSecond: first.ratePerSecond, seconds: plan.warmupSeconds });
  for (let round = 0; round < plan.rounds; round++) {
    const order = round % 2 === 0 ? plan.levels : [...plan.levels].reverse();
    for (const level of order) {
      phases.push({ ratePerSecond: level.ratePerSecond, seconds: plan.settleSeconds });
      phases.push({ ratePerSecond: level.ratePerSecond, seconds: plan.blockSeconds, label: level.label });
    }
  }
  const run = startOpenLoop({ baseUrl: service.baseUrl, path: '/work', phases, seed: plan.seed });
  // Server counters and machine jiffies at each measured window's edges.
  const edges = run.windows
    .filter((window) => window.phase.label !== undefined)
    .map(async (window) => {
      const sample = async (atMs: number) => {
        await new Promise((wake) => setTimeout(wake, Math.max(0, atMs - performance.now())));
        const machine = machineJiffies();
        const client = process.cpuUsage();
        return { stats: await service.stats(), machine, clientMicros: client.user + client.system };
      };
      const start = await sample(window.startMs);
      const end = await sample(window.endMs);
      return { label: window.phase.label as string, start, end };
    });
  const [latency, windows] = await Promise.all([run.done, Promise.all(edges)]);
  const cores = availableParallelism();
  const out = new Map<string, LevelMeasurement>();
  for (const level of plan.levels) {
    const summary = latency.get(level.label);
    if (!summary) continue;
    let wallMs = 0;
    let cpu = 0;
    let handlerCpu = 0;
    let handlerWall = 0;
    let handlerSquares = 0;
    let requests = 0;
    let busy = 0;
    let total = 0;
    let clientMicros = 0;
    for (const window of windows) {
      if (window.label !== level.label) continue;
      const { start, end } = window;
      wallMs += end.stats.uptimeMs - start.stats.uptimeMs;
      cpu += end.stats.cpuMicros - start.stats.cpuMicros;
      handlerCpu += end.stats.handlerCpuMicros - start.stats.handlerCpuMicros;
      handlerWall += end.stats.handlerWallMs - start.stats.handlerWallMs;
      handlerSquares += end.stats.handlerWallSquaresMs - start.stats.handlerWallSquaresMs;
      requests += end.stats.requests - start.stats.requests;
      clientMicros += end.clientMicros - start.clientMicros;
      if (start.machine && end.machine) {
        busy += end.machine.busy - start.machine.busy;
        total += end.machine.total - start.machine.total;
      }
    }
    const seconds = wallMs / 1000;
    const throughput = requests / seconds;
    const cpuUtilization = cpu / 1e6 / seconds;
    const meanWall = handlerWall / requests;
    out.set(level.label, {
      ...summary,
      label: level.label,
      offeredRate: level.ratePerSecond,
      throughput,
      cpuUtilization,
      demandSeconds: cpuUtilization / throughput,
      handlerCpuSeconds: handlerCpu / 1e6 / requests,
      handlerWallSeconds: meanWall / 1000,
      handlerWallScv: (handlerSquares / requests - meanWall * meanWall) / (meanWall * meanWall),
      machineUtilization: total > 0 ? busy / total : undefined,
      neighbourCores:
        total > 0 ? (busy / total) * cores - cpuUtilization - clientMicros / 1e6 / seconds : undefined,
    });
  }
  return out;
}
