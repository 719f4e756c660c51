import { crc32 } from 'node:zlib';

/** The wire formats a journal record may hold: each is replayed through its own decoder. */
export const journalFormats = [
  'remote-write',
  'otlp-protobuf',
  'otlp-json',
  'line-protocol',
  'raw-samples',
  'syslog',
] as const;
export type JournalFormat = (typeof journalFormats)[number];

export interface JournalRecord {
  format: JournalFormat;
  /** Epoch ms at which the receiver accepted it. */
  receivedAt: number;
  /** Who sent it: `remote_write`, `otlp`, `mqtt`, ... */
  source: string;
  /** Format-specific parameters, e.g. line protocol precision. */
  params: string;
  body: Buffer;
}

/**
 * Frame: u32 length of the rest | u32 CRC-32 of the rest | u8 format | f64 receivedAt |
 * u16 source length | source | u16 params length | params | body. The CRC finds a torn final
 * write after a crash: replay stops there, and that record was never acknowledged.
 */
const headerBytes = 8;

export function encodeJournalRecord(record: JournalRecord): Buffer {
  const source = Buffer.from(record.source, 'utf8');
  const params = Buffer.from(record.params, 'utf8');
  const restLength = 1 + 8 + 2 + source.length + 2 + params.length + record.body.length;
  const frame = Buffer.allocUnsafe(headerBytes + restLength);
  let pos = headerBytes;
  frame.writeUInt8(journalFormats.indexOf(record.format), pos);
  pos += 1;
  frame.writeDoubleLE(record.receivedAt, pos);
  pos += 8;
  frame.writeUInt16LE(source.length, pos);
  pos += 2;
  source.copy(frame, pos);
  pos += source.length;
  frame.writeUInt16LE(params.length, pos);
  pos += 2;
  params.copy(frame, pos);
  pos += params.length;
  record.body.copy(frame, pos);
  frame.writeUInt32LE(restLength, 0);
  frame.writeUInt32LE(crc32(frame.subarray(headerBytes)), 4);
  return frame;
}

export type DecodedFrame = { record: JournalRecord; next: number } | { torn: true } | { end: true };

/** Reads the frame at `pos`; `torn` for a partial or corrupt frame (the tail of a crash). */
export function decodeJournalFrame(buf: Buffer, pos: number): DecodedFrame {
  if (pos >= buf.length) return { end: true };
  if (pos + headerBytes > buf.length) return { torn: true };
  const restLength = buf.readUInt32LE(pos);
  const end = pos + headerBytes + restLength;
  if (restLength < 13 || end > buf.length) return { torn: true };
  const rest = buf.subarray(pos + headerBytes, end);
  if (crc32(rest) !== buf.readUInt32LE(pos + 4)) return { torn: true };
  let at = 0;
  const format = journalFormats[rest.readUInt8(at)];
  at += 1;
  const receivedAt = rest.readDoubleLE(at);
  at += 8;
  const sourceLength = rest.readUInt16LE(at);
  at += 2;
  const source = rest.toString('utf8', at, at + sourceLength);
  at += sourceLength;
  const paramsLength = rest.readUInt16LE(at);
  at += 2;
  const params = rest.toString('utf8', at, at + paramsLength);
  at += paramsLength;
  if (!format) return { torn: true };
  return { record: { format, receivedAt, source, params, body: rest.subarray(at) }, next: end };
}
