import { gunzipSync } from 'node:zlib';
import { InputError } from '../../model/index.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './http-errors.js';

/**
 * Undoes a request's Content-Encoding (OTLP/HTTP defines gzip), refusing a body that is, or
 * inflates to, more than `maxBytes`. zlib stops at the limit rather than inflating a zip bomb
 * whole, so the memory spent is bounded by `maxBytes` whatever the compression ratio.
 *
 * Unsupported codings throw UnsupportedMediaTypeError (415, as RFC 9110 asks); an oversized body
 * PayloadTooLargeError (413); a corrupt gzip stream InputError (400).
 */
export function decodeContentEncoding(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  if (body.length > maxBytes) throw tooLarge(`the body of ${body.length} bytes`, maxBytes);
  // Codings are listed in the order they were applied, so they are undone from the last.
  const codings = (encoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  for (const coding of codings) {
    if (coding !== 'gzip' && coding !== 'x-gzip') {
      throw new UnsupportedMediaTypeError(
        `unsupported Content-Encoding ${JSON.stringify(coding)}: OTLP/HTTP takes gzip`,
      );
    }
  }
  let decoded = body;
  for (const _ of codings) decoded = gunzip(decoded, maxBytes);
  return decoded;
}

function gunzip(body: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(`the gzip body of ${body.length} bytes inflates to`, maxBytes);
    }
    throw new InputError(`the body is not valid gzip: ${(error as Error).message}`);
  }
}

function tooLarge(what: string, maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`${what} more than the limit of ${maxBytes} bytes`, maxBytes);
}
