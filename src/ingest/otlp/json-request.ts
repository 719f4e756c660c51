import { formatFieldPath, InputError } from '../../model/index.js';
import { findJsonSyntaxError, locateInJson } from '../json-source.js';
import { countLines, positionAt, type SourcePosition } from '../source-position.js';
import { JsonFieldError, readJsonMessage } from './json-message-reader.js';
import { exportRequestType } from './otlp-schema.js';
import type { ExportMetricsServiceRequest } from './otlp-types.js';

/**
 * Decodes an OTLP/JSON ExportMetricsServiceRequest. A body that is not JSON, or whose values do not
 * fit the schema, is refused whole with an InputError that gives the line and column (worked out
 * only then: JSON.parse keeps no positions).
 */
export function decodeJsonRequest(body: Buffer): ExportMetricsServiceRequest {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw syntaxError(text, error as Error);
  }
  try {
    return readJsonMessage(json, exportRequestType) as ExportMetricsServiceRequest;
  } catch (error) {
    if (error instanceof JsonFieldError) throw fieldError(text, error);
    throw error;
  }
}

function syntaxError(text: string, error: Error): InputError {
  const found = findJsonSyntaxError(text);
  // The scanner and V8 should agree; if they do not, V8's words are all there is.
  const offset = found?.offset ?? Number(/at position (\d+)/.exec(error.message)?.[1] ?? 0);
  const position = positionAt(countLines(text), offset);
  return rejection(position, found?.message ?? error.message, undefined);
}

function fieldError(text: string, error: JsonFieldError): InputError {
  const [position] = locateInJson(text, [{ path: error.path }], countLines(text));
  return rejection(
    position ?? { line: 1, column: 1 },
    error.message,
    formatFieldPath(error.path) || undefined,
  );
}

function rejection(position: SourcePosition, message: string, field: string | undefined): InputError {
  const where = `line ${position.line}, column ${position.column}`;
  return new InputError(`OTLP JSON body rejected at ${where}: ${field ? `${field}: ` : ''}${message}`, [
    { ...position, ...(field ? { field } : {}), message },
  ]);
}
