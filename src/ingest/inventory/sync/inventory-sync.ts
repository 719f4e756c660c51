// Scheduled re-sync in serve mode (docs/integrations.md#scheduled-re-sync): each configured source
// is read again every interval and imported like any other import — only what changed is
// written, with prune when asked. A run never overlaps the previous one of the same source; a
// failure is recorded and retried at the next interval, never fatal to the server.
import type { Origin } from '../../../model/index.js';
import type { InventoryApplyResult } from '../apply-inventory.js';
import type { InventoryHub } from '../inventory-hub.js';
import type { InventoryImport } from '../inventory-import.js';

export interface SyncJob {
  /** The source instance: provenance `<from>:<name>`. */
  readonly name: string;
  readonly from: string;
  readonly origin: Origin;
  readonly everyMs: number;
  readonly prune: boolean;
  /** Reads the source now. */
  readonly load: (signal: AbortSignal) => Promise<InventoryImport>;
}

export interface SyncRun {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly seq?: number;
  readonly opCount?: number;
  readonly added?: number;
  readonly changed?: number;
  readonly removed?: number;
  readonly conflicts?: number;
  readonly problems?: number;
}

export interface SyncStatus {
  readonly name: string;
  readonly from: string;
  readonly everyMs: number;
  readonly prune: boolean;
  readonly running: boolean;
  readonly runs: number;
  readonly failures: number;
  readonly lastRun?: SyncRun;
  readonly nextRunAt?: number;
}

interface JobState {
  readonly job: SyncJob;
  running?: Promise<SyncRun>;
  timer?: NodeJS.Timeout;
  nextRunAt?: number;
  lastRun?: SyncRun;
  runs: number;
  failures: number;
}

export class InventorySync {
  readonly #jobs = new Map<string, JobState>();
  readonly #abort = new AbortController();
  #started = false;

  constructor(
    private readonly hub: InventoryHub,
    jobs: readonly SyncJob[],
    private readonly clock: () => number = Date.now,
  ) {
    for (const job of jobs) {
      if (this.#jobs.has(job.name)) throw new TypeError(`two re-sync jobs are named '${job.name}'`);
      this.#jobs.set(job.name, { job, runs: 0, failures: 0 });
    }
  }

  /** Runs every job now, then each again `everyMs` after its previous run ended. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const state of this.#jobs.values()) void this.#cycle(state);
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    for (const state of this.#jobs.values()) clearTimeout(state.timer);
    await Promise.allSettled([...this.#jobs.values()].map((state) => state.running));
  }

  /** Runs a job now (or waits for the run in progress) and returns that run. */
  runNow(name: string): Promise<SyncRun> | undefined {
    const state = this.#jobs.get(name);
    if (!state) return undefined;
    return state.running ?? this.#run(state);
  }

  status(): SyncStatus[] {
    return [...this.#jobs.values()].map((state) => ({
      name: state.job.name,
      from: state.job.from,
      everyMs: state.job.everyMs,
      prune: state.job.prune,
      running: state.running !== undefined,
      runs: state.runs,
      failures: state.failures,
      ...(state.lastRun ? { lastRun: state.lastRun } : {}),
      ...(state.nextRunAt === undefined ? {} : { nextRunAt: state.nextRunAt }),
    }));
  }

  async #cycle(state: JobState): Promise<void> {
    if (this.#abort.signal.aborted) return;
    await (state.running ?? this.#run(state));
    if (this.#abort.signal.aborted) return;
    state.nextRunAt = this.clock() + state.job.everyMs;
    state.timer = setTimeout(() => void this.#cycle(state), state.job.everyMs);
    state.timer.unref();
  }

  #run(state: JobState): Promise<SyncRun> {
    const { job } = state;
    const startedAt = this.clock();
    const run = this.hub
      .run(() => job.load(this.#abort.signal), {
        actor: `sync:${job.from}:${job.name}`,
        dryRun: false,
        prune: job.prune,
        origin: job.origin,
      })
      .then(
        (result) => succeeded(startedAt, this.clock(), result),
        (error: unknown) => {
          state.failures++;
          return failed(startedAt, this.clock(), error);
        },
      )
      .then((record) => {
        state.runs++;
        state.lastRun = record;
        state.running = undefined;
        return record;
      });
    state.running = run;
    return run;
  }
}

function succeeded(startedAt: number, finishedAt: number, result: InventoryApplyResult): SyncRun {
  return {
    startedAt,
    finishedAt,
    ok: true,
    ...(result.seq === undefined ? {} : { seq: result.seq }),
    opCount: result.opCount,
    added: result.added,
    changed: result.changed.length,
    removed: result.pruned ? result.removedEntities.length : 0,
    conflicts: result.conflicts.length,
    problems: result.problems.length,
  };
}

/** The message only: a client library's error may carry request details, never the token. */
function failed(startedAt: number, finishedAt: number, error: unknown): SyncRun {
  return { startedAt, finishedAt, ok: false, error: error instanceof Error ? error.message : String(error) };
}
