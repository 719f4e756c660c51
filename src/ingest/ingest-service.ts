import { InputError } from '../model/index.js';
import { parseLineProtocol, type TimestampPrecision } from './formats/line-protocol.js';
import type { SyslogMessage } from './formats/syslog-message.js';
import type { JournalFormat, JournalRecord } from './journal/journal-record.js';
import type { SampleJournal } from './journal/sample-journal.js';
import { LoadShedder, type LoadShedderOptions } from './load-shedder.js';
import type { IngestOutcome, LiveMirror } from './mirror/live-mirror.js';
import { decodeContentEncoding } from './otlp/content-encoding.js';
import { decodeOtlpMetrics } from './otlp/decode-otlp-metrics.js';
import { otlpEncodingOf } from './otlp/media-type.js';
import type { RawSample } from './raw-sample.js';
import { DecodeThread, type ThreadDecoded } from './remote-write/decode-thread.js';
import { WireFormatError } from './remote-write/protobuf-reader.js';
import { uncompressSnappyBlock } from './remote-write/snappy-block.js';
import { DecodedWriteRequest, decodeWriteRequest } from './remote-write/write-request-decoder.js';
import { SyslogEventLog } from './syslog-events.js';

/** The data points the given samples came from: a point's samples share time and labels but `le`/`quantile`. */
function distinctPoints(samples: readonly RawSample[], indexes: readonly number[]): number {
  const points = new Set<string>();
  for (const index of indexes) {
    const sample = samples[index];
    if (!sample) continue;
    const base = sample.name.replace(/_(bucket|count|sum)$/, '');
    const { le: _le, quantile: _quantile, ...labels } = sample.labels;
    points.add(`${base}\u0000${sample.ts}\u0000${JSON.stringify(labels)}`);
  }
  return points.size;
}

/** A malformed remote_write body is the sender's fault (400), located by its byte offset. */
function asInputError(error: unknown): unknown {
  if (!(error instanceof WireFormatError)) return error;
  return new InputError(`the remote_write body is not a valid WriteRequest: ${error.message}`, [
    { message: error.message, field: `byte ${error.offset}` },
  ]);
}

function emptyOutcome(): IngestOutcome {
  return { accepted: 0, duplicates: 0, quarantined: 0, rejected: 0, noValue: 0, discovered: [], issues: [] };
}

export interface OtlpOutcome extends IngestOutcome {
  rejectedDataPoints: number;
  errorMessage?: string;
}

export interface IngestServiceOptions {
  mirror: LiveMirror;
  /** Without a journal nothing survives a crash: tests and throwaway demos only. */
  journal?: SampleJournal;
  /** Largest decompressed body. Default 64 MiB. */
  maxDecompressedBytes?: number;
  shedding?: LoadShedderOptions;
  clock?: () => number;
  /**
   * Decode remote_write bodies on a worker thread (decompression, protobuf and the series lookup),
   * leaving the main thread to apply samples: `true` starts one, or pass one to use. Default
   * false; `serve` and `demo` turn it on.
   */
  decodeThread?: boolean | DecodeThread;
}

/**
 * The receivers' common path: admit (or shed) the request, decode it whole (a malformed request
 * is refused before anything of it is applied), apply it to the live mirror, write it to the
 * journal and resolve only once the journal is on disk: that is when the receiver may answer 2xx.
 */
export class IngestService {
  readonly mirror: LiveMirror;
  readonly events = new SyslogEventLog();
  readonly #journal: SampleJournal | undefined;
  readonly #maxDecompressedBytes: number;
  readonly #shedder: LoadShedder;
  readonly #clock: () => number;
  /** Decode buffers are reused; a request waiting on discovery keeps its own. */
  readonly #decoders: DecodedWriteRequest[] = [];
  readonly #decodeThread: DecodeThread | undefined;
  readonly #received = new Map<string, { requests: number; samples: number; refused: number }>();

  constructor(options: IngestServiceOptions) {
    this.mirror = options.mirror;
    this.#journal = options.journal;
    this.#maxDecompressedBytes = options.maxDecompressedBytes ?? 64 * 1024 * 1024;
    this.#shedder = new LoadShedder(options.shedding);
    this.#clock = options.clock ?? Date.now;
    if (options.decodeThread) {
      this.#decodeThread = options.decodeThread === true ? new DecodeThread() : options.decodeThread;
      this.mirror.copyWireKeysTo(this.#decodeThread);
    }
  }

  /** A receiver request begins (before its body is read); throws OverloadedError when saturated. */
  enterRequest(): void {
    this.#shedder.enter();
  }

  leaveRequest(): void {
    this.#shedder.leave();
  }

  /** A Prometheus remote_write 1.0 request body (snappy block, protobuf WriteRequest). */
  remoteWrite(body: Buffer, source = 'remote_write'): Promise<IngestOutcome> {
    return this.#admitted(body.length, source, async () => {
      const thread = this.#decodeThread;
      const outcome =
        thread?.usable === true
          ? await this.#applyDecodedInThread(thread, body, source)
          : await this.#applyRemoteWrite(body, source);
      await this.#journalize('remote-write', source, '', body);
      return outcome;
    });
  }

  /**
   * An OTLP/HTTP metrics export (protobuf or JSON, optionally gzipped). Data points that decode
   * but cannot be used, or cannot be attributed to an entity, are reported for OTLP's partial
   * success; the rest is applied.
   */
  otlpMetrics(body: Buffer, contentType: string, contentEncoding: string | undefined): Promise<OtlpOutcome> {
    return this.#admitted(body.length, 'otlp', async () => {
      const plain = decodeContentEncoding(body, contentEncoding, this.#maxDecompressedBytes);
      const format = otlpEncodingOf(contentType) === 'json' ? 'otlp-json' : 'otlp-protobuf';
      const outcome = await this.#applyOtlp(plain, format, this.#clock());
      await this.#journalize(format, 'otlp', '', plain);
      return outcome;
    });
  }

  /**
   * InfluxDB line protocol, as Telegraf sends it. Good lines are applied even when others are
   * bad (InfluxDB's "partial write"); the outcome's issues locate every bad line.
   */
  lineProtocol(
    body: Buffer,
    precision: TimestampPrecision,
    contentEncoding: string | undefined,
  ): Promise<IngestOutcome> {
    return this.#admitted(body.length, 'influx', async () => {
      const plain = decodeContentEncoding(body, contentEncoding, this.#maxDecompressedBytes);
      const receivedAt = this.#clock();
      const outcome = await this.#applyLineProtocol(plain, precision, receivedAt);
      if (outcome.accepted > 0) await this.#journalize('line-protocol', 'influx', precision, plain);
      return outcome;
    });
  }

  /** A syslog message: an event on the sender's entity, counted toward its message and error rates. */
  async syslog(message: SyslogMessage, peer: string): Promise<void> {
    await this.#applySyslog(message, peer);
    await this.#journalize('syslog', 'syslog', peer, Buffer.from(JSON.stringify(message)));
  }

  /** Turns the syslog counts into samples (their rates become state); called periodically. */
  flushSyslogCounters(): Promise<IngestOutcome> {
    const samples = this.events.counterSamples(this.#clock());
    if (samples.length === 0) return Promise.resolve(emptyOutcome());
    return this.rawSamples(samples, 'syslog');
  }

  /** Samples a receiver has decoded itself (MQTT, syslog-derived metrics, scrapes). */
  rawSamples(samples: readonly RawSample[], source: string): Promise<IngestOutcome> {
    return this.#admitted(0, source, async () => {
      const outcome = await this.mirror.ingestRaw(samples, source);
      if (outcome.accepted > 0)
        await this.#journalize('raw-samples', source, '', Buffer.from(JSON.stringify(samples)));
      return outcome;
    });
  }

  /**
   * Replays the journal into the mirror at start-up: hot buffers, state and rollups come back as
   * they were when the process stopped. Returns how many records and samples were replayed.
   */
  async replay(
    onProgress?: (records: number) => void,
  ): Promise<{ records: number; samples: number; unreadable: number }> {
    let records = 0;
    let samples = 0;
    let unreadable = 0;
    if (!this.#journal) return { records, samples, unreadable };
    for (const record of this.#journal.replay()) {
      try {
        samples += (await this.#applyRecord(record)).accepted;
      } catch {
        unreadable++;
      }
      records++;
      if (records % 100 === 0) onProgress?.(records);
    }
    return { records, samples, unreadable };
  }

  stats(): {
    receivers: Record<string, { requests: number; samples: number; refused: number }>;
    shedding: ReturnType<LoadShedder['stats']>;
    journal?: ReturnType<SampleJournal['stats']>;
  } {
    return {
      receivers: Object.fromEntries(this.#received),
      shedding: this.#shedder.stats(),
      ...(this.#journal ? { journal: this.#journal.stats() } : {}),
    };
  }

  async close(): Promise<void> {
    this.#shedder.close();
    await this.#decodeThread?.close();
    await this.#journal?.close();
  }

  #applyRecord(record: JournalRecord): Promise<IngestOutcome> {
    switch (record.format) {
      case 'remote-write':
        return this.#applyRemoteWrite(record.body, record.source);
      case 'raw-samples':
        return this.mirror.ingestRaw(JSON.parse(record.body.toString('utf8')) as RawSample[], record.source);
      case 'otlp-json':
      case 'otlp-protobuf':
        return this.#applyOtlp(record.body, record.format, record.receivedAt);
      case 'syslog':
        return this.#applySyslog(
          JSON.parse(record.body.toString('utf8')) as SyslogMessage,
          record.params,
        ).then(() => ({
          ...emptyOutcome(),
          accepted: 1,
        }));
      case 'line-protocol':
        return this.#applyLineProtocol(record.body, record.params as TimestampPrecision, record.receivedAt);
      default:
        return Promise.reject(new Error(`no replay for ${record.format}`));
    }
  }

  async #applyRemoteWrite(body: Buffer, source: string): Promise<IngestOutcome> {
    const decoded = this.#decoders.pop() ?? new DecodedWriteRequest();
    try {
      decodeWriteRequest(uncompressSnappyBlock(body, this.#maxDecompressedBytes), decoded);
      // Labels of new series are checked here, still before any sample is applied.
      return await this.mirror.ingestWriteRequest(decoded, source);
    } catch (error) {
      throw asInputError(error);
    } finally {
      this.#decoders.push(decoded);
    }
  }

  async #applyDecodedInThread(thread: DecodeThread, body: Buffer, source: string): Promise<IngestOutcome> {
    let decoded: ThreadDecoded;
    try {
      decoded = await thread.decode(body, this.#maxDecompressedBytes);
    } catch (error) {
      // The thread died with this body in its queue: decode it here, as every later one will be.
      if (!thread.usable) return this.#applyRemoteWrite(body, source);
      throw asInputError(error);
    }
    try {
      return await this.mirror.ingestWriteRequest(decoded.request, source, decoded.known);
    } catch (error) {
      throw asInputError(error);
    }
  }

  async #applySyslog(message: SyslogMessage, peer: string): Promise<void> {
    const hostname = SyslogEventLog.hostnameOf(message, peer);
    const entityId = await this.mirror.resolveEntity({ hostname }, 'syslog');
    this.events.add(message, peer, entityId);
  }

  async #applyOtlp(
    plain: Buffer,
    format: 'otlp-json' | 'otlp-protobuf',
    nowMs: number,
  ): Promise<OtlpOutcome> {
    const contentType = format === 'otlp-json' ? 'application/json' : 'application/x-protobuf';
    const decoded = decodeOtlpMetrics(plain, contentType, { nowMs });
    const outcome = await this.mirror.ingestRaw(decoded.samples, 'otlp');
    // OTLP counts data points, and a histogram point is several samples: count the points.
    const unattributed = distinctPoints(decoded.samples, outcome.unattributed ?? []);
    const messages = [
      ...(decoded.errorMessage ? [decoded.errorMessage] : []),
      ...(unattributed > 0
        ? [
            `${unattributed} data points name no entity: ${outcome.issues.map((issue) => issue.message).join('; ')}`,
          ]
        : []),
    ];
    return {
      ...outcome,
      issues: [...decoded.issues, ...outcome.issues],
      rejectedDataPoints: decoded.rejectedDataPoints + unattributed,
      ...(messages.length > 0 ? { errorMessage: messages.join('; ') } : {}),
    };
  }

  async #applyLineProtocol(
    plain: Buffer,
    precision: TimestampPrecision,
    nowMs: number,
  ): Promise<IngestOutcome> {
    const parsed = parseLineProtocol(plain.toString('utf8'), { precision, nowMs });
    const outcome = await this.mirror.ingestRaw(parsed.samples, 'influx');
    return { ...outcome, issues: [...parsed.issues, ...outcome.issues] };
  }

  async #journalize(format: JournalFormat, source: string, params: string, body: Buffer): Promise<void> {
    if (!this.#journal) return;
    await this.#journal.append({ format, receivedAt: this.#clock(), source, params, body });
  }

  async #admitted<T extends IngestOutcome>(
    bytes: number,
    source: string,
    work: () => Promise<T>,
  ): Promise<T> {
    const counts = this.#counts(source);
    try {
      this.#shedder.admit(bytes);
    } catch (error) {
      counts.refused++;
      throw error;
    }
    try {
      const outcome = await work();
      counts.requests++;
      counts.samples += outcome.accepted;
      return outcome;
    } finally {
      this.#shedder.release(bytes);
    }
  }

  #counts(source: string): { requests: number; samples: number; refused: number } {
    let counts = this.#received.get(source);
    if (!counts) {
      counts = { requests: 0, samples: 0, refused: 0 };
      this.#received.set(source, counts);
    }
    return counts;
  }
}
