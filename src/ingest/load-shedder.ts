import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { OverloadedError } from './overloaded-error.js';

export interface LoadShedderOptions {
  /**
   * Receiver requests open at once, counted from their first byte: beyond it a request is refused
   * before its body is read. Default 32 (Prometheus sends one request per shard at a time).
   */
  maxConcurrentRequests?: number;
  /** Requests decoded but not yet acknowledged (waiting for the journal's sync). Default 256. */
  maxInFlight?: number;
  /** Bytes of request bodies held by those requests. Default 256 MiB. */
  maxInFlightBytes?: number;
  /**
   * Event-loop delay past which new work is refused, when it lasts: the p99 of each of the last
   * three tenths of a second above it. Default 150 ms.
   * It is the signal that works: Node reads every ready socket before its timers run, so requests
   * queue in the kernel, not in the process, and the loop's lag is how long they wait there.
   */
  maxLoopDelayMs?: number;
  /** Heap in use past which new work is refused. Default 75 % of the heap limit. */
  maxHeapBytes?: number;
}

/**
 * Refuses new ingest work, with a Retry-After, before the process is in trouble: the sender
 * (Prometheus, the OpenTelemetry Collector, Telegraf) retries, so refusing early loses nothing,
 * while accepting beyond capacity would grow memory without bound and delay every acknowledgement.
 */
export class LoadShedder {
  readonly #maxInFlight: number;
  readonly #maxConcurrent: number;
  #open = 0;
  readonly #maxInFlightBytes: number;
  readonly #maxLoopDelayMs: number;
  readonly #maxHeapBytes: number;
  readonly #delay: IntervalHistogram;
  readonly #timer: NodeJS.Timeout;
  #inFlight = 0;
  #inFlightBytes = 0;
  #loopDelayMs = 0;
  /** p99 loop delay of the last few sample periods, newest last. */
  #recentDelaysMs: number[] = [];
  #heapBytes = 0;
  #shed = 0;

  constructor(options: LoadShedderOptions = {}, heapLimitBytes = defaultHeapLimit()) {
    this.#maxInFlight = options.maxInFlight ?? 256;
    this.#maxConcurrent = options.maxConcurrentRequests ?? 32;
    this.#maxInFlightBytes = options.maxInFlightBytes ?? 256 * 1024 * 1024;
    this.#maxLoopDelayMs = options.maxLoopDelayMs ?? 150;
    this.#maxHeapBytes = options.maxHeapBytes ?? heapLimitBytes * 0.75;
    this.#delay = monitorEventLoopDelay({ resolution: 10 });
    this.#delay.enable();
    // Tenths of a second: a lag measured over whole seconds kept refusing for up to a second after
    // the loop had caught up, in which an overloaded receiver idled and accepted less than its
    // capacity, and was still refusing after the overload ended.
    this.#timer = setInterval(() => this.#sample(), samplePeriodMs);
    this.#timer.unref();
  }

  /** Admits a request of `bytes`, or throws OverloadedError; call `release` when it is answered. */
  admit(bytes: number): void {
    const reason = this.#refusal(bytes);
    if (reason) {
      this.#shed++;
      throw new OverloadedError(`the ingest is saturated (${reason}); retry later`, 1);
    }
    this.#inFlight++;
    this.#inFlightBytes += bytes;
  }

  /**
   * A receiver request arrives (before its body is read): admitted, or OverloadedError. Each
   * admitted one must `leave` once answered. Refusing here costs nearly nothing, which is what
   * keeps an overloaded receiver answering at all.
   */
  enter(): void {
    if (this.#open >= this.#maxConcurrent) {
      this.#shed++;
      throw new OverloadedError(`the ingest is saturated (${this.#open} requests open); retry later`, 1);
    }
    this.#open++;
  }

  leave(): void {
    this.#open--;
  }

  release(bytes: number): void {
    this.#inFlight--;
    this.#inFlightBytes -= bytes;
  }

  stats(): {
    open: number;
    inFlight: number;
    inFlightBytes: number;
    loopDelayMs: number;
    heapBytes: number;
    shed: number;
  } {
    return {
      open: this.#open,
      inFlight: this.#inFlight,
      inFlightBytes: this.#inFlightBytes,
      loopDelayMs: this.#loopDelayMs,
      heapBytes: this.#heapBytes,
      shed: this.#shed,
    };
  }

  close(): void {
    clearInterval(this.#timer);
    this.#delay.disable();
  }

  #refusal(bytes: number): string | undefined {
    if (this.#inFlight >= this.#maxInFlight) return `${this.#inFlight} requests in flight`;
    if (this.#inFlightBytes + bytes > this.#maxInFlightBytes) return `${this.#inFlightBytes} bytes in flight`;
    if (this.#loopDelayMs > this.#maxLoopDelayMs)
      return `event loop ${Math.round(this.#loopDelayMs)} ms behind for ${(sustainPeriods * samplePeriodMs) / 1000} s`;
    if (this.#heapBytes > this.#maxHeapBytes) return 'memory near its limit';
    return undefined;
  }

  /**
   * The sustained lag: the smallest of the last periods' p99. A short burst — requests full of
   * new series, code not yet optimised — shows in a single period and refuses nothing (refusing
   * then made senders wait a second each while the loop had long caught up); a loop that stays
   * behind is saturated. (A single synchronous pause does not show at all: the delay monitor
   * measures against the loop's cached clock.)
   */
  #sample(): void {
    this.#recentDelaysMs.push(this.#delay.percentile(99) / 1e6);
    if (this.#recentDelaysMs.length > sustainPeriods) this.#recentDelaysMs.shift();
    this.#loopDelayMs = this.#recentDelaysMs.length < sustainPeriods ? 0 : Math.min(...this.#recentDelaysMs);
    this.#delay.reset();
    this.#heapBytes = process.memoryUsage().heapUsed;
  }
}

const samplePeriodMs = 100;
const sustainPeriods = 3;

function defaultHeapLimit(): number {
  return getHeapStatistics().heap_size_limit;
}
