export { decodeContentEncoding } from './content-encoding.js';
export type { DecodeOtlpOptions } from './decode-otlp-metrics.js';
export { decodeOtlpMetrics } from './decode-otlp-metrics.js';
export { PayloadTooLargeError, UnsupportedMediaTypeError } from './http-errors.js';
export type { OtlpEncoding } from './media-type.js';
export { otlpEncodingOf } from './media-type.js';
export type { OtlpResponse } from './otlp-response.js';
export { encodeOtlpResponse } from './otlp-response.js';
export type { OtlpDecodeResult } from './request-samples.js';
