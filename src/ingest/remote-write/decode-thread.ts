import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromDecodeThread, ToDecodeThread } from './decode-thread-messages.js';
import { WireFormatError } from './protobuf-reader.js';
import { SharedBodySlots } from './shared-body-slots.js';
import { PayloadTooLargeError } from './snappy-block.js';
import { DecodedWriteRequest } from './write-request-decoder.js';

/** A request decoded by the thread, with the series numbers its key table knew (when still valid). */
export interface ThreadDecoded {
  request: DecodedWriteRequest;
  /** Per series: its number, `dropped` or `unknownSeries`; absent when the thread's table was stale. */
  known: Int32Array | undefined;
}

/**
 * remote_write bodies decoded on a worker thread: decompression, protobuf decoding and the series
 * lookup are a third of the receiver's work, and on the main thread they delayed every other
 * request and every live update. The thread keeps a copy of the main thread's series key table,
 * kept current by the same calls that change the original (`assign`, `forget`, `clear`); a
 * decode that ran before the main thread forgot or cleared keys comes back without numbers, so a
 * stale binding is never used.
 */
export class DecodeThread {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (decoded: ThreadDecoded) => void; reject: (error: Error) => void; slot: number }
  >();
  readonly #slots = new SharedBodySlots();
  #next = 0;
  /** Table messages posted so far, and how many had been posted when the last forget or clear was. */
  #sent = 0;
  #invalidatedAt = 0;
  #assigned: Array<{ key: Uint8Array; hash: number; number: number }> = [];
  #failed: Error | undefined;

  constructor() {
    this.#worker = startWorker();
    this.#worker.unref();
    this.#worker.on('message', (message: FromDecodeThread) => this.#answer(message));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) =>
      this.#fail(new Error(`remote_write decode thread exited with code ${code}`)),
    );
    this.#post({ type: 'slots', buffer: this.#slots.buffer, slotBytes: this.#slots.slotBytes });
  }

  /** False once the thread has died: callers decode on their own thread instead. */
  get usable(): boolean {
    return this.#failed === undefined;
  }

  decode(body: Uint8Array, maxBytes: number): Promise<ThreadDecoded> {
    if (this.#failed) return Promise.reject(this.#failed);
    this.flush();
    const id = this.#next++;
    // Through a shared slot when one is free and the body fits; cloned with the message otherwise.
    const slot = this.#slots.put(body);
    const done = new Promise<ThreadDecoded>((resolve, reject) =>
      this.#pending.set(id, { resolve, reject, slot }),
    );
    if (slot >= 0) this.#post({ type: 'decode-shared', id, slot, length: body.byteLength, maxBytes });
    else this.#post({ type: 'decode', id, body, maxBytes });
    return done;
  }

  /** The main thread bound this key to `number`; sent with the next flush. */
  assign(buf: Uint8Array, start: number, end: number, hash: number, number: number): void {
    this.#assigned.push({ key: buf.slice(start, end), hash, number });
  }

  forget(number: number): void {
    this.flush();
    this.#post({ type: 'forget', number });
    this.#sent++;
    this.#invalidatedAt = this.#sent;
  }

  clear(): void {
    this.#assigned = [];
    this.#post({ type: 'clear' });
    this.#sent++;
    this.#invalidatedAt = this.#sent;
  }

  /** Sends the assignments made since the last flush, in one message. */
  flush(): void {
    const assigned = this.#assigned;
    if (assigned.length === 0) return;
    this.#assigned = [];
    let bytes = 0;
    for (const each of assigned) bytes += each.key.length;
    const keys = new Uint8Array(bytes);
    const ends = new Int32Array(assigned.length);
    const hashes = new Int32Array(assigned.length);
    const numbers = new Int32Array(assigned.length);
    let at = 0;
    assigned.forEach((each, i) => {
      keys.set(each.key, at);
      at += each.key.length;
      ends[i] = at;
      hashes[i] = each.hash;
      numbers[i] = each.number;
    });
    this.#post({ type: 'assign', keys, ends, hashes, numbers }, [
      keys.buffer,
      ends.buffer,
      hashes.buffer,
      numbers.buffer,
    ]);
    this.#sent++;
  }

  async close(): Promise<void> {
    this.#failed ??= new Error('remote_write decode thread closed');
    await this.#worker.terminate();
  }

  #post(message: ToDecodeThread, transfer: ArrayBuffer[] = []): void {
    this.#worker.postMessage(message, transfer);
  }

  #answer(message: FromDecodeThread): void {
    const waiter = this.#pending.get(message.id);
    this.#pending.delete(message.id);
    if (!waiter) return;
    // The thread is done reading the slot once it answers.
    if (waiter.slot >= 0) this.#slots.release(waiter.slot);
    if ('error' in message) {
      waiter.reject(rebuiltError(message.error));
      return;
    }
    const decoded = message.decoded;
    waiter.resolve({
      request: DecodedWriteRequest.adopt(decoded),
      known: decoded.applied >= this.#invalidatedAt ? decoded.numbers : undefined,
    });
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}

/** The thread's errors as the classes the receiver maps to HTTP statuses. */
function rebuiltError(error: { name: string; message: string; offset?: number }): Error {
  if (error.name === 'WireFormatError') {
    const rebuilt = new WireFormatError('', error.offset ?? 0);
    rebuilt.message = error.message;
    return rebuilt;
  }
  if (error.name === 'PayloadTooLargeError') return new PayloadTooLargeError(error.message);
  return new Error(error.message);
}

/**
 * Built, the worker is the sibling `.js` file; under the test runner it is the `.ts` source, loaded
 * through tsx (a development dependency) by a small bootstrap.
 */
function startWorker(): Worker {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const entry = new URL(`./decode-thread-worker${extension}`, import.meta.url);
  if (extension === '.js') return new Worker(entry);
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: { entry: entry.href, tsx: tsxLoaderUrl() },
  });
}

/** tsx's ESM API, by its package's own export map (its CommonJS build cannot register the ESM hooks). */
function tsxLoaderUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = exports['./esm/api']?.import.default;
  if (!api) throw new Error('tsx has no ./esm/api export: cannot run the decode thread from sources');
  return new URL(api, pathToFileURL(manifest)).href;
}
