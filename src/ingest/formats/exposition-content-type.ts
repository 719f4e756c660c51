/** The text expositions `parsePrometheusText` reads. */
export type ExpositionFormat = 'prometheus-text' | 'openmetrics-text';

/**
 * The exposition format a scrape response's Content-Type names: `application/openmetrics-text`
 * (any version) is OpenMetrics; `text/plain` is text format 0.0.4, and so is a missing or empty
 * header (the Prometheus docs: a missing version falls back to the text format). Undefined for
 * anything else, the protobuf format included: the caller decides whether to refuse or guess.
 */
export function expositionFormatFromContentType(
  contentType: string | undefined,
): ExpositionFormat | undefined {
  if (contentType === undefined) return 'prometheus-text';
  const semicolon = contentType.indexOf(';');
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (mediaType === '') return 'prometheus-text';
  if (mediaType === 'application/openmetrics-text') return 'openmetrics-text';
  if (mediaType === 'text/plain') return 'prometheus-text';
  return undefined;
}
