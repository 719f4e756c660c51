import { InputError } from '../../model/index.js';

/**
 * How a sample's labels name its entity. Rules are tried in order; the first whose label is
 * present (and whose metric prefixes, if any, match) decides. An explicit `entity` template wins
 * over a `label`.
 */
export interface IdentityRule {
  /** Exact label values (or `/regex/`) the sample must carry for this rule to apply. */
  match?: Record<string, string>;
  /** Only for metric names starting with one of these. */
  metricPrefixes?: string[];
  /** The label whose value names the entity (looked up as an alias: name, hostname, address...). */
  label?: string;
  /** An entity id template over labels, e.g. `pdu:{instance:host}`; `:host` drops a `:port` suffix. */
  entity?: string;
  /** The kind of entity this rule names (and creates in discovery mode); '' when the label holds an entity id. */
  kind: string;
}

/** Defaults that follow OpenTelemetry's semantic conventions and Prometheus's habits. */
export const defaultIdentityRules: readonly IdentityRule[] = [
  { label: '__entity', kind: '' },
  { label: 'infratwin_entity', kind: '' },
  { label: 'k8s.pod.name', kind: 'container' },
  { label: 'cloud.instance.id', kind: 'cloud-instance' },
  { label: 'host.name', kind: 'host', metricPrefixes: ['system.', 'host.', 'hw.', 'process.'] },
  { label: 'service.name', kind: 'service' },
  { label: 'host.name', kind: 'host' },
  { label: 'hostname', kind: 'host' },
  { label: 'host', kind: 'host' },
  { label: 'nodename', kind: 'host' },
  { label: 'instance', kind: 'host' },
];

/** The labels that say who sent a sample, not what it measures: left out of series names. */
export const identityLabelPatterns: readonly string[] = [
  '__entity',
  'infratwin_entity',
  'job',
  'instance',
  'topic',
  'host',
  'hostname',
  'nodename',
  'host.*',
  'service.*',
  'telemetry.*',
  'process.*',
  'os.*',
  'k8s.*',
  'cloud.*',
  'container.*',
  'otel_scope_name',
];

/** Kinds an alias may resolve to when a rule names this kind: a Prometheus `instance` may be a VM. */
export const compatibleKinds: Readonly<Record<string, readonly string[]>> = {
  host: [
    'host',
    'vm',
    'cloud-instance',
    'switch',
    'router',
    'firewall',
    'load-balancer',
    'storage-array',
    'pdu',
    'ups',
    'cooling-unit',
    'sensor',
  ],
  container: ['container'],
  'cloud-instance': ['cloud-instance', 'vm', 'host'],
  service: ['service', 'database'],
};

export interface CompiledIdentityRule extends IdentityRule {
  readonly matchers: Array<[label: string, test: (value: string) => boolean]>;
}

export function compileIdentityRules(
  rules: readonly IdentityRule[],
  field = 'ingest.identity',
): CompiledIdentityRule[] {
  return rules.map((rule, index) => {
    if (!rule.label && !rule.entity) {
      throw new InputError('an identity rule needs a label or an entity template', [
        { field: `${field}[${index}]`, message: 'set `label` or `entity`' },
      ]);
    }
    const matchers = Object.entries(rule.match ?? {}).map(
      ([label, pattern]): [string, (value: string) => boolean] => [
        label,
        valueTest(pattern, `${field}[${index}].match.${label}`),
      ],
    );
    return { ...rule, matchers };
  });
}

function valueTest(pattern: string, field: string): (value: string) => boolean {
  if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) {
    try {
      const regex = new RegExp(`^(?:${pattern.slice(1, -1)})$`);
      return (value) => regex.test(value);
    } catch (error) {
      throw new InputError('invalid regular expression', [{ field, message: (error as Error).message }]);
    }
  }
  return (value) => value === pattern;
}

/** Expands `{label}` and `{label:host}` (without `:port`); undefined if a label is missing. */
export function expandTemplate(template: string, labels: Record<string, string>): string | undefined {
  let missing = false;
  const out = template.replace(/\{([^}:]+)(:host)?\}/g, (_, label: string, host?: string) => {
    const value = labels[label];
    if (value === undefined || value === '') {
      missing = true;
      return '';
    }
    return host ? hostPart(value) : value;
  });
  return missing ? undefined : out;
}

/** `web-01:9100` → `web-01`; `[::1]:9100` → `::1`; a bare name is returned as is. */
export function hostPart(value: string): string {
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    return close > 0 ? value.slice(1, close) : value;
  }
  const colon = value.lastIndexOf(':');
  if (colon > 0 && value.indexOf(':') === colon && /^\d+$/.test(value.slice(colon + 1)))
    return value.slice(0, colon);
  return value;
}

export function isIdentityLabel(label: string): boolean {
  for (const pattern of identityLabelPatterns) {
    if (pattern.endsWith('*') ? label.startsWith(pattern.slice(0, -1)) : label === pattern) return true;
  }
  return false;
}
