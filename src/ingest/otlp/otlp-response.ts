import { otlpEncodingOf } from './media-type.js';
import { exportResponseType } from './otlp-schema.js';
import type { OtlpDecodeResult } from './request-samples.js';

export interface OtlpResponse {
  body: Buffer | string;
  contentType: string;
}

/**
 * The ExportMetricsServiceResponse for a decoded request, in the request's encoding as OTLP/HTTP
 * requires: with `partial_success` when points were rejected, empty when all were accepted.
 */
export function encodeOtlpResponse(
  result: Pick<OtlpDecodeResult, 'rejectedDataPoints' | 'errorMessage'>,
  contentType: string,
): OtlpResponse {
  const partial = result.rejectedDataPoints > 0 || Boolean(result.errorMessage);
  const errorMessage = result.errorMessage ?? '';
  if (otlpEncodingOf(contentType) === 'json') {
    // proto3 JSON writes int64 as a decimal string and leaves out empty fields.
    const partialSuccess = {
      rejectedDataPoints: String(result.rejectedDataPoints),
      ...(errorMessage ? { errorMessage } : {}),
    };
    return { body: JSON.stringify(partial ? { partialSuccess } : {}), contentType: 'application/json' };
  }
  const message = exportResponseType.fromObject(
    partial ? { partialSuccess: { rejectedDataPoints: result.rejectedDataPoints, errorMessage } } : {},
  );
  return {
    body: Buffer.from(exportResponseType.encode(message).finish()),
    contentType: 'application/x-protobuf',
  };
}
