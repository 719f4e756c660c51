import type { DecodedInThread } from './decode-thread-messages.js';
import { ProtobufReader, WireFormatError, wireType } from './protobuf-reader.js';
import { hashBytes } from './series-key-table.js';

/** Prometheus's stale marker: a NaN with this exact bit pattern means "the series ended". */
export const staleMarkerBits = 0x7ff0000000000002n;

export type Label = readonly [name: string, value: string];

/**
 * A decoded WriteRequest, held in reusable flat arrays: series are identified by the raw bytes of
 * their labels (one string per series, no per-label strings on the hot path); labels are decoded
 * only for series the caller has not seen before.
 */
export class DecodedWriteRequest {
  buf: Buffer = Buffer.alloc(0);
  seriesCount = 0;
  sampleCount = 0;
  /**
   * Each series' key, the raw bytes of its labels: `keyStart`/`keyEnd` in `buf` (or in a joined
   * buffer, see keyBuffer), with its hash, for SeriesKeyTable. No string is made per series.
   */
  keyStart = new Int32Array(1024);
  keyEnd = new Int32Array(1024);
  keyHash = new Int32Array(1024);
  readonly #joinedKeys = new Map<number, Buffer>();
  /** Where each TimeSeries message lies in `buf`, to decode its labels on demand. */
  #seriesStart = new Int32Array(1024);
  #seriesEnd = new Int32Array(1024);
  sampleSeries = new Int32Array(4096);
  sampleTs = new Float64Array(4096);
  sampleValues = new Float64Array(4096);
  /** Samples that carried Prometheus's stale marker. */
  staleMarkers = 0;
  /** Native histograms and exemplars are not read (remote_write 1.0 float samples only). */
  histograms = 0;
  metadata = 0;

  /**
   * A request the decode thread decoded: `buf` holds only the key bytes it sent (of the series whose
   * number it did not know), and those key bytes are the series' label fields, so `labels` and
   * `keyString` read them there.
   */
  static adopt(decoded: DecodedInThread): DecodedWriteRequest {
    const request = new DecodedWriteRequest();
    request.buf = Buffer.from(decoded.keys.buffer, decoded.keys.byteOffset, decoded.keys.byteLength);
    request.seriesCount = decoded.seriesCount;
    request.sampleCount = decoded.sampleCount;
    request.keyStart = decoded.keyStart;
    request.keyEnd = decoded.keyEnd;
    request.keyHash = decoded.keyHash;
    request.#seriesStart = decoded.keyStart;
    request.#seriesEnd = decoded.keyEnd;
    request.sampleSeries = decoded.sampleSeries;
    request.sampleTs = decoded.sampleTs;
    request.sampleValues = decoded.sampleValues;
    request.staleMarkers = decoded.staleMarkers;
    request.histograms = decoded.histograms;
    request.metadata = decoded.metadata;
    return request;
  }

  reset(buf: Buffer): void {
    this.buf = buf;
    this.#joinedKeys.clear();
    this.seriesCount = 0;
    this.sampleCount = 0;
    this.staleMarkers = 0;
    this.histograms = 0;
    this.metadata = 0;
  }

  /**
   * The series' labels, decoded and checked (`__name__` present, no empty name). Only series not
   * seen before are decoded: a known key is byte-identical to labels checked earlier.
   */
  labels(series: number): Label[] {
    const start = this.#seriesStart[series] as number;
    const end = this.#seriesEnd[series] as number;
    const reader = new ProtobufReader(this.buf, start, end);
    const out: Label[] = [];
    while (!reader.done) {
      const tag = reader.varint();
      if (tag === 0x0a) {
        const fieldEnd = reader.delimitedEnd();
        out.push(decodeLabel(this.buf, reader.pos, fieldEnd));
        reader.pos = fieldEnd;
      } else {
        reader.skip(tag & 7);
      }
    }
    let hasName = false;
    for (const [name, value] of out) {
      if (name === '')
        throw new WireFormatError(`a label (value "${value.slice(0, 50)}") has an empty name`, start);
      if (name === '__name__') hasName = true;
    }
    if (!hasName) throw new WireFormatError('a TimeSeries has no __name__ label', start);
    return out;
  }

  /** The buffer holding series `s`'s key bytes: `buf`, unless its labels had to be joined. */
  keyBuffer(series: number): Buffer {
    return this.#joinedKeys.get(series) ?? this.buf;
  }

  /** The key as a string, for the rare maps keyed by it (quarantine bookkeeping). */
  keyString(series: number): string {
    return this.keyBuffer(series).toString('latin1', this.keyStart[series], this.keyEnd[series]);
  }

  addSeries(
    keyStart: number,
    keyEnd: number,
    messageStart: number,
    messageEnd: number,
    joined?: Buffer,
  ): number {
    const index = this.seriesCount++;
    if (index === this.#seriesStart.length) {
      this.#seriesStart = grownInt32(this.#seriesStart);
      this.#seriesEnd = grownInt32(this.#seriesEnd);
      this.keyStart = grownInt32(this.keyStart);
      this.keyEnd = grownInt32(this.keyEnd);
      this.keyHash = grownInt32(this.keyHash);
    }
    const keyBuf = joined ?? this.buf;
    if (joined) this.#joinedKeys.set(index, joined);
    this.keyStart[index] = keyStart;
    this.keyEnd[index] = keyEnd;
    this.keyHash[index] = hashBytes(keyBuf, keyStart, keyEnd);
    this.#seriesStart[index] = messageStart;
    this.#seriesEnd[index] = messageEnd;
    return index;
  }

  addSample(series: number, ts: number, value: number): void {
    if (this.sampleCount === this.sampleTs.length) this.#grow();
    const i = this.sampleCount++;
    this.sampleSeries[i] = series;
    this.sampleTs[i] = ts;
    this.sampleValues[i] = value;
  }

  #grow(): void {
    this.sampleSeries = grownInt32(this.sampleSeries);
    const ts = new Float64Array(this.sampleTs.length * 2);
    ts.set(this.sampleTs);
    const values = new Float64Array(this.sampleValues.length * 2);
    values.set(this.sampleValues);
    this.sampleTs = ts;
    this.sampleValues = values;
  }
}

function grownInt32(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/**
 * Decodes an uncompressed `prometheus.WriteRequest` (remote_write 1.0) into `into`. Throws
 * `WireFormatError` (with the byte offset) for anything structurally wrong, before the caller has
 * applied a single sample, so a malformed request is refused whole.
 */
export function decodeWriteRequest(buf: Buffer, into: DecodedWriteRequest): DecodedWriteRequest {
  into.reset(buf);
  const reader = new ProtobufReader(buf, 0, buf.length);
  while (!reader.done) {
    const tag = reader.varint();
    const field = tag >>> 3;
    const type = tag & 7;
    if (field === 1 && type === wireType.len) {
      const end = reader.delimitedEnd();
      decodeTimeSeries(buf, reader.pos, end, into);
      reader.pos = end;
    } else {
      if (field === 3) into.metadata++;
      reader.skip(type);
    }
  }
  return into;
}

function decodeTimeSeries(buf: Buffer, start: number, end: number, into: DecodedWriteRequest): void {
  const reader = new ProtobufReader(buf, start, end);
  let firstLabelStart = -1;
  let lastLabelEnd = -1;
  let contiguous = true;
  let samplesFrom = -1;
  while (!reader.done) {
    const fieldStart = reader.pos;
    const tag = reader.varint();
    if (tag === 0x0a) {
      const fieldEnd = reader.delimitedEnd();
      if (firstLabelStart === -1) firstLabelStart = fieldStart;
      else if (lastLabelEnd !== fieldStart) contiguous = false;
      lastLabelEnd = fieldEnd;
      reader.pos = fieldEnd;
    } else if (tag === 0x12) {
      if (samplesFrom === -1) samplesFrom = fieldStart;
      reader.pos = reader.delimitedEnd();
    } else {
      const field = tag >>> 3;
      if (field === 1 || field === 2) {
        throw new WireFormatError(
          `TimeSeries field ${field} has wire type ${tag & 7}, expected 2`,
          fieldStart,
        );
      }
      if (field === 4) into.histograms++;
      reader.skip(tag & 7);
    }
  }
  if (firstLabelStart === -1) throw new WireFormatError('a TimeSeries has no labels', start);
  let series: number;
  if (contiguous) {
    series = into.addSeries(firstLabelStart, lastLabelEnd, start, end);
  } else {
    const joined = joinedLabelBytes(buf, start, end);
    series = into.addSeries(0, joined.length, start, end, joined);
  }
  if (samplesFrom === -1) return;
  reader.pos = samplesFrom;
  while (!reader.done) {
    const tag = reader.varint();
    if (tag === 0x12) {
      const sampleEnd = reader.delimitedEnd();
      decodeSample(buf, reader.pos, sampleEnd, series, into);
      reader.pos = sampleEnd;
    } else {
      reader.skip(tag & 7);
    }
  }
}

/** Labels interleaved with samples are legal though no sender does it: join their bytes. */
function joinedLabelBytes(buf: Buffer, start: number, end: number): Buffer {
  const reader = new ProtobufReader(buf, start, end);
  const parts: Buffer[] = [];
  while (!reader.done) {
    const fieldStart = reader.pos;
    const tag = reader.varint();
    if (tag === 0x0a) {
      const fieldEnd = reader.delimitedEnd();
      parts.push(buf.subarray(fieldStart, fieldEnd));
      reader.pos = fieldEnd;
    } else {
      reader.skip(tag & 7);
    }
  }
  return Buffer.concat(parts);
}

function decodeLabel(buf: Buffer, start: number, end: number): Label {
  const reader = new ProtobufReader(buf, start, end);
  let name = '';
  let value = '';
  while (!reader.done) {
    const at = reader.pos;
    const tag = reader.varint();
    const field = tag >>> 3;
    const type = tag & 7;
    if ((field === 1 || field === 2) && type !== wireType.len) {
      throw new WireFormatError(`Label field ${field} has wire type ${type}, expected 2`, at);
    }
    if (field === 1 || field === 2) {
      const fieldEnd = reader.delimitedEnd();
      const text = buf.toString('utf8', reader.pos, fieldEnd);
      if (field === 1) name = text;
      else value = text;
      reader.pos = fieldEnd;
    } else {
      reader.skip(type);
    }
  }
  return [name, value];
}

function decodeSample(
  buf: Buffer,
  start: number,
  end: number,
  series: number,
  into: DecodedWriteRequest,
): void {
  const reader = new ProtobufReader(buf, start, end);
  let value = 0;
  let valueAt = -1;
  let ts = 0;
  while (!reader.done) {
    const at = reader.pos;
    const tag = reader.varint();
    const field = tag >>> 3;
    const type = tag & 7;
    if (field === 1) {
      if (type !== wireType.fixed64) throw new WireFormatError(`Sample value has wire type ${type}`, at);
      valueAt = reader.pos;
      value = reader.double();
    } else if (field === 2) {
      if (type !== wireType.varint) throw new WireFormatError(`Sample timestamp has wire type ${type}`, at);
      ts = reader.int64();
    } else {
      reader.skip(type);
    }
  }
  if (Number.isNaN(value) && buf.readBigUInt64LE(valueAt) === staleMarkerBits) into.staleMarkers++;
  into.addSample(series, ts, value);
}
