import { performance } from 'node:perf_hooks';
import { InputError } from '../../model/index.js';
import type { DecodeResult } from '../raw-sample.js';
import { type AllowList, compileAllowList } from './allow-list.js';
import { HttpGetError, pinnedGet } from './pinned-get.js';
import type { ScrapeOutcome, ScrapeTarget } from './scrape-target.js';
import { checkTarget, type Resolver, systemResolver } from './target-check.js';
import { targetLabels, withTargetLabels } from './target-labels.js';
import { validateTargets } from './target-validation.js';

export interface ScraperOptions {
  targets: ScrapeTarget[];
  /** Host names, `*` globs, addresses and CIDR ranges; see checkTarget for the rule. */
  allowList: string[];
  /** Turns a body into samples; `nowMs` is the scrape's start, the default sample time. */
  parse: (body: string, contentType: string, nowMs: number) => DecodeResult;
  /** Called after every scrape, failed ones included (with `result` undefined); not after stop(). */
  onScrape: (outcome: ScrapeOutcome, result: DecodeResult | undefined, target: ScrapeTarget) => void;
  /** Epoch ms for timestamps; scheduling uses the monotonic clock whatever this says. */
  clock?: () => number;
  resolve?: Resolver;
  /** Default 10 MiB; a longer body fails the scrape and is not read further. */
  maxBodyBytes?: number;
}

export const scrapeAccept =
  'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
export const defaultMaxBodyBytes = 10 * 1024 * 1024;

class Timeout extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

class Stopped extends Error {
  constructor() {
    super('the scraper stopped');
  }
}

interface Attempt {
  result?: DecodeResult;
  error?: string;
  httpStatus?: number;
  contentType?: string;
}

/**
 * Pulls every target on its own interval. Target i of n first runs i/n of its interval after
 * start, so targets with one interval do not all fire at once; later runs keep to that grid,
 * skipping a tick that a slow scrape overran rather than running two scrapes of one target.
 */
export class Scraper {
  readonly #targets: readonly ScrapeTarget[];
  readonly #allowList: AllowList;
  readonly #options: ScraperOptions;
  readonly #clock: () => number;
  readonly #maxBodyBytes: number;
  readonly #inFlight = new Map<ScrapeTarget, Promise<ScrapeOutcome>>();
  readonly #controllers = new Set<AbortController>();
  readonly #timers = new Map<number, NodeJS.Timeout>();
  /** Bumped by start and stop, so a tick from an earlier run schedules nothing. */
  #generation = 0;
  #running = false;

  constructor(options: ScraperOptions) {
    validateTargets(options.targets);
    const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
    if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
      throw new InputError('scraper: maxBodyBytes must be a positive integer', [
        { field: 'maxBodyBytes', message: 'must be a positive integer' },
      ]);
    }
    this.#targets = [...options.targets];
    this.#allowList = compileAllowList(options.allowList);
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#maxBodyBytes = maxBodyBytes;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    const generation = ++this.#generation;
    const base = performance.now();
    const count = this.#targets.length;
    for (const [index, target] of this.#targets.entries()) {
      this.#schedule(index, base + Math.floor((target.intervalMs * index) / count), generation);
    }
  }

  /** Cancels the schedule, aborts running scrapes (without reporting them) and waits for them. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#generation++;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const controller of this.#controllers) controller.abort(new Stopped());
    await Promise.all(this.#inFlight.values());
  }

  /** Scrapes now, or joins the scrape of this target already running; never rejects. */
  scrapeOnce(target: ScrapeTarget): Promise<ScrapeOutcome> {
    const running = this.#inFlight.get(target);
    if (running) return running;
    const scrape = this.#scrape(target).finally(() => this.#inFlight.delete(target));
    this.#inFlight.set(target, scrape);
    return scrape;
  }

  #schedule(index: number, at: number, generation: number): void {
    const delay = Math.max(0, at - performance.now());
    this.#timers.set(
      index,
      setTimeout(() => void this.#tick(index, at, generation), delay),
    );
  }

  async #tick(index: number, at: number, generation: number): Promise<void> {
    const target = this.#targets[index] as ScrapeTarget;
    await this.scrapeOnce(target);
    if (generation !== this.#generation) return;
    const overran = Math.floor((performance.now() - at) / target.intervalMs);
    this.#schedule(index, at + (Math.max(overran, 0) + 1) * target.intervalMs, generation);
  }

  async #scrape(target: ScrapeTarget): Promise<ScrapeOutcome> {
    const controller = new AbortController();
    this.#controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Timeout(target.timeoutMs)), target.timeoutMs);
    const startedAt = this.#clock();
    const began = performance.now();
    let attempt: Attempt;
    try {
      attempt = await this.#attempt(target, controller.signal, startedAt);
    } finally {
      clearTimeout(timer);
      this.#controllers.delete(controller);
    }
    const outcome = outcomeOf(target, attempt, startedAt, performance.now() - began);
    if (!(controller.signal.reason instanceof Stopped)) this.#report(outcome, attempt.result, target);
    return outcome;
  }

  async #attempt(target: ScrapeTarget, signal: AbortSignal, startedAt: number): Promise<Attempt> {
    try {
      const check = await untilAborted(
        checkTarget(target.url, this.#allowList, this.#options.resolve ?? systemResolver),
        signal,
      );
      if (!check.ok) return { error: `refused: ${check.reason}` };
      const response = await pinnedGet({
        url: check.url,
        addresses: check.addresses,
        headers: scrapeHeaders(target),
        maxBytes: this.#maxBodyBytes,
        signal,
      });
      const fetched = { httpStatus: response.status, contentType: response.contentType };
      try {
        const parsed = this.#options.parse(response.body, response.contentType, startedAt);
        const samples = withTargetLabels(parsed.samples, targetLabels(target, check.url));
        return { ...fetched, result: { samples, issues: parsed.issues } };
      } catch (error) {
        return { ...fetched, error: `the parser failed: ${describeError(error)}` };
      }
    } catch (error) {
      const status = error instanceof HttpGetError ? error.status : undefined;
      const contentType = error instanceof HttpGetError ? error.contentType : undefined;
      return {
        error: describeError(error),
        ...(status !== undefined ? { httpStatus: status } : {}),
        ...(contentType !== undefined ? { contentType } : {}),
      };
    }
  }

  #report(outcome: ScrapeOutcome, result: DecodeResult | undefined, target: ScrapeTarget): void {
    try {
      this.#options.onScrape(outcome, result, target);
    } catch (error) {
      // The schedule must go on; the process warning is the report.
      process.emitWarning(
        `scrape of ${target.url}: onScrape threw: ${describeError(error)}`,
        'ScraperWarning',
      );
    }
  }
}

function scrapeHeaders(target: ScrapeTarget): Record<string, string> {
  return {
    Accept: scrapeAccept,
    'Accept-Encoding': 'identity',
    'User-Agent': 'infratwin-scraper',
    'X-Prometheus-Scrape-Timeout-Seconds': String(target.timeoutMs / 1000),
  };
}

function outcomeOf(
  target: ScrapeTarget,
  attempt: Attempt,
  startedAt: number,
  durationMs: number,
): ScrapeOutcome {
  return {
    target: target.url,
    ok: attempt.error === undefined,
    startedAt,
    durationMs,
    samples: attempt.error === undefined ? (attempt.result?.samples.length ?? 0) : 0,
    ...(attempt.httpStatus !== undefined ? { httpStatus: attempt.httpStatus } : {}),
    ...(attempt.error !== undefined ? { error: attempt.error } : {}),
    ...(attempt.contentType !== undefined ? { contentType: attempt.contentType } : {}),
  };
}

/** The promise's value, or the signal's reason as a rejection once it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
