import type { RawSampleType } from '../raw-sample.js';

/** What `# TYPE`, `# HELP` and `# UNIT` said about a metric family. */
export interface MetricFamilyMetadata {
  /** As the TYPE line spelled it (`counter`, `histogram`, ...); `untyped`/`unknown` without one. */
  type: string;
  help?: string;
  unit?: string;
}

/** The TYPE values of text format 0.0.4. */
export const prometheusTypes: ReadonlySet<string> = new Set([
  'counter',
  'gauge',
  'histogram',
  'summary',
  'untyped',
]);

/** The TYPE values of OpenMetrics 1.0. */
export const openMetricsTypes: ReadonlySet<string> = new Set([
  'counter',
  'gauge',
  'histogram',
  'gaugehistogram',
  'stateset',
  'info',
  'summary',
  'unknown',
]);

/** A sample to leave out: `_created` holds a creation time, not a value of the family. */
export const skipSample = null;

/**
 * The sample-name suffixes each family type owns, and what a sample with that suffix is. Buckets,
 * sums and counts of histograms and summaries are cumulative, so counters; those of gauge histograms
 * are gauges (OpenMetrics "GaugeHistogram").
 */
const suffixTypes: Readonly<Record<string, Readonly<Record<string, RawSampleType | typeof skipSample>>>> = {
  counter: { _total: 'counter', _created: skipSample },
  histogram: { _bucket: 'counter', _sum: 'counter', _count: 'counter', _created: skipSample },
  summary: { _sum: 'counter', _count: 'counter', _created: skipSample },
  gaugehistogram: { _bucket: 'gauge', _gsum: 'gauge', _gcount: 'gauge' },
  info: { _info: 'gauge' },
};

const suffixes = ['_total', '_created', '_bucket', '_sum', '_count', '_gsum', '_gcount', '_info'];

/** What a sample named exactly like its family is: a summary's quantiles are gauges. */
function exactType(familyType: string): RawSampleType {
  switch (familyType) {
    case 'counter':
      return 'counter';
    case 'gauge':
    case 'summary':
    case 'stateset':
    case 'info':
    case 'gaugehistogram':
      return 'gauge';
    default:
      return 'unknown';
  }
}

/**
 * The families of one exposition, and the type of each sample name under them. A family is found
 * by the sample's exact name (text format 0.0.4 names counters `x_total` in TYPE) or by the name less
 * one of the suffixes its type owns (OpenMetrics names the family `x` and the sample `x_total`).
 */
export class MetricFamilies {
  readonly metadata = new Map<string, MetricFamilyMetadata>();
  #lastName = '';
  #lastType: RawSampleType | typeof skipSample = 'unknown';

  /** The family for `name`, created as untyped on its first HELP or UNIT line. */
  family(name: string, untyped: string): MetricFamilyMetadata {
    let family = this.metadata.get(name);
    if (family === undefined) {
      family = { type: untyped };
      this.metadata.set(name, family);
    }
    return family;
  }

  /** The type of a sample named `name`; `skipSample` for samples that are not values. */
  sampleType(name: string): RawSampleType | typeof skipSample {
    // Samples of one series come in a run, so the last answer is nearly always the answer.
    if (name === this.#lastName) return this.#lastType;
    const type = this.#resolve(name);
    this.#lastName = name;
    this.#lastType = type;
    return type;
  }

  /** Forgets the cached answer: a TYPE line may have just changed it. */
  invalidate(): void {
    this.#lastName = '';
  }

  #resolve(name: string): RawSampleType | typeof skipSample {
    const exact = this.metadata.get(name);
    if (exact !== undefined) return exactType(exact.type);
    for (const suffix of suffixes) {
      if (!name.endsWith(suffix)) continue;
      const family = this.metadata.get(name.slice(0, -suffix.length));
      const owned = family === undefined ? undefined : suffixTypes[family.type];
      if (owned !== undefined && suffix in owned) return owned[suffix] ?? skipSample;
    }
    return 'unknown';
  }
}
