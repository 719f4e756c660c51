import type { DecodeResult, RawSample } from '../raw-sample.js';
import { addAttributes, type Labels, setLabel } from './attribute-labels.js';
import { addMetricSamples } from './metric-samples.js';
import type { ExportMetricsServiceRequest, InstrumentationScope } from './otlp-types.js';
import { Rejections } from './rejections.js';

/** A decoded request, with what the OTLP partial-success reply needs. */
export type OtlpDecodeResult = DecodeResult & {
  /** Data points (not samples) that were refused; 0 when everything was accepted. */
  rejectedDataPoints: number;
  /** Set when something was rejected: how many, and the first reasons with their field paths. */
  errorMessage?: string;
};

/**
 * Turns a decoded ExportMetricsServiceRequest into RawSamples. Labels are the resource attributes,
 * then `otel_scope_name`, then the data point's attributes, later ones winning.
 */
export function samplesFromRequest(request: ExportMetricsServiceRequest, nowMs: number): OtlpDecodeResult {
  const out: RawSample[] = [];
  const rejections = new Rejections();
  const resources = request.resourceMetrics ?? [];
  for (let ri = 0; ri < resources.length; ri++) {
    const resourceMetrics = resources[ri];
    const resourceLabels: Labels = {};
    addAttributes(resourceLabels, resourceMetrics?.resource?.attributes);
    const scopes = resourceMetrics?.scopeMetrics ?? [];
    for (let si = 0; si < scopes.length; si++) {
      const baseLabels = withScope(resourceLabels, scopes[si]?.scope);
      const metrics = scopes[si]?.metrics ?? [];
      for (let mi = 0; mi < metrics.length; mi++) {
        const path = () => `resourceMetrics[${ri}].scopeMetrics[${si}].metrics[${mi}]`;
        addMetricSamples(metrics[mi] ?? {}, { baseLabels, nowMs, out, rejections, path });
      }
    }
  }
  const errorMessage = rejections.errorMessage();
  return {
    samples: out,
    issues: rejections.issues,
    rejectedDataPoints: rejections.count,
    ...(errorMessage === undefined ? {} : { errorMessage }),
  };
}

function withScope(resourceLabels: Labels, scope: InstrumentationScope | null | undefined): Labels {
  const labels = { ...resourceLabels };
  if (scope?.name) setLabel(labels, 'otel_scope_name', scope.name);
  return labels;
}
