import { decodeJsonRequest } from './json-request.js';
import { otlpEncodingOf } from './media-type.js';
import { decodeProtobufRequest } from './protobuf-request.js';
import { type OtlpDecodeResult, samplesFromRequest } from './request-samples.js';

export interface DecodeOtlpOptions {
  /** The receiver's clock, in epoch ms: the time of data points that carry none. */
  nowMs: number;
}

/**
 * Decodes an OTLP/HTTP metrics body (already stripped of its Content-Encoding, see
 * decodeContentEncoding) into RawSamples. Throws UnsupportedMediaTypeError for a Content-Type that
 * is neither protobuf nor JSON, and InputError for a body that cannot be decoded; data points that
 * decode but cannot be used are counted in `rejectedDataPoints`, for a partial-success reply.
 */
export function decodeOtlpMetrics(
  body: Buffer,
  contentType: string,
  options: DecodeOtlpOptions,
): OtlpDecodeResult {
  const encoding = otlpEncodingOf(contentType);
  const request = encoding === 'protobuf' ? decodeProtobufRequest(body) : decodeJsonRequest(body);
  return samplesFromRequest(request, options.nowMs);
}
