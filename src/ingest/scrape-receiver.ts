import { expositionFormatFromContentType } from './formats/exposition-content-type.js';
import { parsePrometheusText } from './formats/prometheus-text.js';
import type { IngestService } from './ingest-service.js';
import type { DecodeResult, RawSample } from './raw-sample.js';
import type { ScrapeOutcome, ScrapeTarget } from './scrape/scrape-target.js';
import { Scraper } from './scrape/scraper.js';
import { targetLabels } from './scrape/target-labels.js';

export interface ScrapeReceiverOptions {
  targets: ScrapeTarget[];
  /** Hosts, globs, addresses and networks that may be scraped; nothing else is contacted. */
  allowList: string[];
  onError?: (message: string) => void;
}

/**
 * Pulls /metrics from the configured targets into the mirror. Like Prometheus, every scrape also
 * yields `up`, `scrape_duration_seconds` and `scrape_samples_scraped` for the target, so its
 * health is state of the target's entity (and `up` turns 0 when a scrape fails).
 */
export function startScrapeReceiver(ingest: IngestService, options: ScrapeReceiverOptions): Scraper {
  const scraper = new Scraper({
    targets: options.targets,
    allowList: options.allowList,
    parse: parseExposition,
    onScrape: (outcome, result, target) => {
      const samples = [...(result?.samples ?? []), ...healthSamples(outcome, target)];
      ingest
        .rawSamples(samples, 'scrape')
        .catch((error: Error) => options.onError?.(`scrape ${outcome.target}: ${error.message}`));
      if (!outcome.ok) options.onError?.(`scrape ${outcome.target}: ${outcome.error ?? 'failed'}`);
    },
  });
  scraper.start();
  return scraper;
}

export function parseExposition(body: string, contentType: string, nowMs: number): DecodeResult {
  const format = expositionFormatFromContentType(contentType);
  if (format === undefined) {
    return { samples: [], issues: [{ message: `unsupported Content-Type ${JSON.stringify(contentType)}` }] };
  }
  return parsePrometheusText(body, { nowMs, openMetrics: format === 'openmetrics-text' });
}

function healthSamples(outcome: ScrapeOutcome, target: ScrapeTarget): RawSample[] {
  const labels = targetLabels(target, new URL(target.url));
  const ts = outcome.startedAt;
  return [
    { name: 'up', labels, value: outcome.ok ? 1 : 0, ts, type: 'gauge' },
    { name: 'scrape_duration_seconds', labels, value: outcome.durationMs / 1000, ts, type: 'gauge' },
    { name: 'scrape_samples_scraped', labels, value: outcome.samples, ts, type: 'gauge' },
  ];
}
