import { UnsupportedMediaTypeError } from './http-errors.js';

/** The two OTLP/HTTP body encodings. */
export type OtlpEncoding = 'protobuf' | 'json';

const mediaTypes: Record<string, OtlpEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/json': 'json',
};

/**
 * The encoding a Content-Type names; parameters are allowed, though a JSON charset other than
 * UTF-8 is refused (JSON is UTF-8, RFC 8259). Anything else throws UnsupportedMediaTypeError.
 */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding {
  const [essence = '', ...parameters] = (contentType ?? '').split(';');
  const encoding = mediaTypes[essence.trim().toLowerCase()];
  if (encoding === undefined) {
    throw new UnsupportedMediaTypeError(
      `unsupported Content-Type ${JSON.stringify(contentType ?? '')}: OTLP/HTTP takes application/x-protobuf or application/json`,
    );
  }
  const charset = charsetOf(parameters);
  if (encoding === 'json' && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError(`unsupported charset ${JSON.stringify(charset)}: OTLP/JSON is UTF-8`);
  }
  return encoding;
}

function charsetOf(parameters: readonly string[]): string | undefined {
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=', 2);
    if (name.trim().toLowerCase() === 'charset')
      return value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
  }
  return undefined;
}
