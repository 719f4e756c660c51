import type { RawSample } from '../raw-sample.js';
import { defaultJob, type ScrapeTarget } from './scrape-target.js';

/** Prometheus's `instance`: the URL's host and port, the scheme's default port filled in. */
export function instanceOf(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

/** `job`, `instance` and the target's own labels, which win over the first two. */
export function targetLabels(target: ScrapeTarget, url: URL): Record<string, string> {
  return { job: target.job ?? defaultJob, instance: instanceOf(url), ...target.labels };
}

/**
 * Attaches the target's labels the way Prometheus does without `honor_labels`: the target's value
 * wins, and a scraped value it displaces survives as `exported_<name>`, so an exporter that
 * relays other machines' metrics (a pushgateway, a federation endpoint) keeps their identity.
 */
export function withTargetLabels(
  samples: readonly RawSample[],
  labels: Readonly<Record<string, string>>,
): RawSample[] {
  return samples.map((sample) => {
    const merged = { ...sample.labels };
    for (const [name, value] of Object.entries(labels)) {
      const scraped = merged[name];
      if (scraped !== undefined && scraped !== '') merged[`exported_${name}`] = scraped;
      merged[name] = value;
    }
    return { ...sample, labels: merged };
  });
}
