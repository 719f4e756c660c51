import snappy from 'snappy';
import { WireFormatError } from './protobuf-reader.js';

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/**
 * Decompresses a snappy block (remote_write uses the block format, not the framed one). The
 * declared length is read first, so a small body that claims gigabytes is refused before any
 * memory is spent on it.
 */
export function uncompressSnappyBlock(body: Buffer, maxBytes: number): Buffer {
  const declared = declaredLength(body);
  if (declared > maxBytes) {
    throw new PayloadTooLargeError(`decompressed body of ${declared} bytes exceeds the limit of ${maxBytes}`);
  }
  try {
    return snappy.uncompressSync(body, { asBuffer: true }) as Buffer;
  } catch (error) {
    throw new WireFormatError(`invalid snappy block (${(error as Error).message})`, 0);
  }
}

function declaredLength(body: Buffer): number {
  let result = 0;
  let multiplier = 1;
  for (let pos = 0; pos < Math.min(body.length, 5); pos++) {
    const byte = body[pos] as number;
    result += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return result;
    multiplier *= 128;
  }
  throw new WireFormatError('snappy block has no valid length header', 0);
}
