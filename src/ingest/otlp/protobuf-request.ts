import protobuf from 'protobufjs';
import { InputError } from '../../model/index.js';
import { exportRequestType } from './otlp-schema.js';
import type { ExportMetricsServiceRequest } from './otlp-types.js';

/**
 * Decodes a protobuf ExportMetricsServiceRequest with protobufjs. A body it cannot read is refused
 * whole with an InputError naming the byte where reading stopped, which protobufjs's own messages
 * ("index out of range") do not always say.
 */
export function decodeProtobufRequest(body: Uint8Array): ExportMetricsServiceRequest {
  const reader = protobuf.Reader.create(body);
  try {
    // The decoded message follows protobufjs's message model, which the interface describes.
    return exportRequestType.decode(reader) as unknown as ExportMetricsServiceRequest;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `${reason} (reading stopped at byte ${reader.pos} of ${body.length})`;
    throw new InputError(`OTLP protobuf body is not a valid ExportMetricsServiceRequest: ${message}`, [
      { message },
    ]);
  }
}
