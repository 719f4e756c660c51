import { parentPort } from 'node:worker_threads';
import type { DecodedInThread, FromDecodeThread, ToDecodeThread } from './decode-thread-messages.js';
import { unknownSeries } from './decode-thread-messages.js';
import { WireFormatError } from './protobuf-reader.js';
import { SeriesKeyTable } from './series-key-table.js';
import { uncompressSnappyBlock } from './snappy-block.js';
import { DecodedWriteRequest, decodeWriteRequest } from './write-request-decoder.js';

/**
 * The remote_write decode thread: decompresses and decodes request bodies and looks their series
 * up in its copy of the main thread's key table, so that the main thread only appends samples.
 */
const port = parentPort;
if (!port) throw new Error('decode-thread-worker runs as a worker thread');

const table = new SeriesKeyTable(4096);
const decoded = new DecodedWriteRequest();
let applied = 0;
let slots: { buffer: SharedArrayBuffer; slotBytes: number } | undefined;

port.on('message', (message: ToDecodeThread) => {
  if (message.type === 'decode') {
    port.postMessage(...answer(message.id, message.body, message.maxBytes));
    return;
  }
  if (message.type === 'decode-shared') {
    const { buffer, slotBytes } = slots as NonNullable<typeof slots>;
    const body = new Uint8Array(buffer, message.slot * slotBytes, message.length);
    port.postMessage(...answer(message.id, body, message.maxBytes));
    return;
  }
  if (message.type === 'slots') {
    slots = { buffer: message.buffer, slotBytes: message.slotBytes };
    return;
  }
  applyTableMessage(message);
  applied++;
});

type TableMessage = Exclude<ToDecodeThread, { type: 'decode' | 'decode-shared' | 'slots' }>;

function applyTableMessage(message: TableMessage): void {
  if (message.type === 'clear') table.clear();
  else if (message.type === 'forget') table.deleteWhere((number) => number === message.number);
  else {
    let start = 0;
    for (let i = 0; i < message.ends.length; i++) {
      const end = message.ends[i] as number;
      table.set(message.keys, start, end, message.hashes[i] as number, message.numbers[i] as number);
      start = end;
    }
  }
}

function answer(id: number, body: Uint8Array, maxBytes: number): [FromDecodeThread, ArrayBuffer[]?] {
  try {
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    decodeWriteRequest(uncompressSnappyBlock(buf, maxBytes), decoded);
    const result = resolved(decoded);
    return [{ id, decoded: result }, transferables(result)];
  } catch (error) {
    const { name, message } = error as Error;
    const offset = error instanceof WireFormatError ? error.offset : undefined;
    return [{ id, error: { name, message, ...(offset !== undefined ? { offset } : {}) } }];
  }
}

/** The decoded request as fresh arrays the main thread takes over, with each series' number. */
function resolved(request: DecodedWriteRequest): DecodedInThread {
  const seriesCount = request.seriesCount;
  const numbers = new Int32Array(seriesCount);
  const keyStart = new Int32Array(seriesCount);
  const keyEnd = new Int32Array(seriesCount);
  const keyHash = new Int32Array(seriesCount);
  let keyBytes = 0;
  for (let s = 0; s < seriesCount; s++) {
    const start = request.keyStart[s] as number;
    const end = request.keyEnd[s] as number;
    const number = table.get(request.keyBuffer(s), start, end, request.keyHash[s] as number);
    numbers[s] = number ?? unknownSeries;
    if (number === undefined || number < 0) keyBytes += end - start;
  }
  // Only the series the main thread must resolve or count carry their key bytes across.
  const keys = new Uint8Array(keyBytes);
  let at = 0;
  for (let s = 0; s < seriesCount; s++) {
    if ((numbers[s] as number) >= 0) continue;
    const start = request.keyStart[s] as number;
    const end = request.keyEnd[s] as number;
    keys.set(request.keyBuffer(s).subarray(start, end), at);
    keyStart[s] = at;
    at += end - start;
    keyEnd[s] = at;
    keyHash[s] = request.keyHash[s] as number;
  }
  const samples = request.sampleCount;
  return {
    seriesCount,
    sampleCount: samples,
    numbers,
    keys,
    keyStart,
    keyEnd,
    keyHash,
    sampleSeries: request.sampleSeries.slice(0, samples),
    sampleTs: request.sampleTs.slice(0, samples),
    sampleValues: request.sampleValues.slice(0, samples),
    staleMarkers: request.staleMarkers,
    histograms: request.histograms,
    metadata: request.metadata,
    applied,
  };
}

function transferables(result: DecodedInThread): ArrayBuffer[] {
  return [
    result.numbers,
    result.keys,
    result.keyStart,
    result.keyEnd,
    result.keyHash,
    result.sampleSeries,
    result.sampleTs,
    result.sampleValues,
  ].map((array) => array.buffer as ArrayBuffer);
}
