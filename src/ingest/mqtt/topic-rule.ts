import { InputError, type InputIssue } from '../../model/index.js';
import { compileTemplate, type NameTemplate } from './name-template.js';
import {
  matchLevels,
  parseTopicPattern,
  subscriptionFilter,
  type TopicCaptures,
  type TopicLevel,
} from './topic-pattern.js';

/** How one family of MQTT topics maps to an entity and a metric. */
export interface MqttTopicRule {
  /** MQTT filter with named captures: `{site}/{room}/{rack}/{metric}`; `+` and `#` also allowed (unnamed). */
  topic: string;
  /** Entity id template over the captures: `rack:{site}/{room}/{rack}` */
  entity: string;
  /**
   * Metric name template: `{metric}`, or a fixed name. With `{field}` in it, an object payload
   * yields one sample per numeric field `f`, named by the template with `{field}` = `f`.
   */
  metric: string;
  /**
   * Where the value is in a JSON object payload (dotted path; a numeric part indexes an array),
   * default `value`; a bare number payload is the value. With `{field}` in `metric`, the path of
   * the object whose fields are read, default the whole payload.
   */
  valuePath?: string;
  /** Where the timestamp is (dotted path; epoch ms, epoch s if < 1e11, or ISO 8601 string); absent → receive time. */
  timestampPath?: string;
  /** Extra labels for every sample. */
  labels?: Record<string, string>;
}

export interface CompiledTopicRule {
  readonly rule: Readonly<MqttTopicRule>;
  readonly levels: readonly TopicLevel[];
  /** What to subscribe to: the topic with every capture as `+`. */
  readonly filter: string;
  readonly entity: NameTemplate;
  readonly metric: NameTemplate;
  /** `{field}` in the metric: one sample per numeric field of an object. */
  readonly perField: boolean;
  /** Where the value (or, per field, the object of values) is; empty means the payload itself. */
  readonly valuePath: readonly string[];
  readonly timestampPath?: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** The label that names the entity a sample belongs to; the resolver binds it without lookup. */
export const entityLabel = '__entity';
/** The label that carries the MQTT topic a sample arrived on. */
export const topicLabel = 'topic';
/** The metric-template reference to the payload field name in per-field rules. */
export const fieldRef = 'field';

const reservedCaptures = new Set([fieldRef, topicLabel]);

/** Validates and compiles a rule; throws InputError whose issue `field` names the bad property. */
export function compileTopicRule(rule: MqttTopicRule, at = ''): CompiledTopicRule {
  const problems: InputIssue[] = [];
  const fail = (property: string, message: string): void => {
    problems.push({ field: `${at}${property}`, message });
  };
  const compiled = tryCompile(rule, fail);
  if (compiled === undefined || problems.length > 0) {
    const first = problems[0];
    const summary = first ? `${first.field}: ${first.message}` : 'invalid rule';
    throw new InputError(`MQTT topic rule: ${summary}`, problems);
  }
  return compiled;
}

/** Compiles every rule, reporting problems as `rules[i].<property>`. */
export function compileTopicRules(rules: readonly MqttTopicRule[]): CompiledTopicRule[] {
  const problems: InputIssue[] = [];
  const compiled: CompiledTopicRule[] = [];
  for (const [index, rule] of rules.entries()) {
    try {
      compiled.push(compileTopicRule(rule, `rules[${index}].`));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.issues);
    }
  }
  if (problems.length > 0) {
    throw new InputError(
      `MQTT topic rules: ${problems.length} problem(s), first: ${problems[0]?.field}`,
      problems,
    );
  }
  return compiled;
}

/** The named captures when `topic` matches the rule, undefined when it does not. */
export function matchTopic(
  compiled: Pick<CompiledTopicRule, 'levels'>,
  topic: string,
): TopicCaptures | undefined {
  return matchLevels(compiled.levels, topic);
}

type Fail = (property: string, message: string) => void;

function tryCompile(rule: MqttTopicRule, fail: Fail): CompiledTopicRule | undefined {
  if (typeof rule !== 'object' || rule === null) {
    fail('topic', 'the rule must be an object with topic, entity and metric');
    return undefined;
  }
  const levels = compileLevels(rule.topic, fail);
  if (levels === undefined) return undefined;
  const captures = new Set(levels.flatMap((level) => (level.kind === 'capture' ? [level.name] : [])));
  const entity = compileRefs('entity', rule.entity, captures, fail);
  const metric = compileRefs('metric', rule.metric, new Set([...captures, fieldRef]), fail);
  const perField = metric?.refs.includes(fieldRef) ?? false;
  const valuePath = compilePath('valuePath', rule.valuePath, fail) ?? (perField ? [] : ['value']);
  const timestampPath = compilePath('timestampPath', rule.timestampPath, fail);
  const labels = compileLabels(rule.labels, captures, fail);
  if (entity === undefined || metric === undefined || labels === undefined) return undefined;
  return {
    rule,
    levels,
    filter: subscriptionFilter(levels),
    entity,
    metric,
    perField,
    valuePath,
    ...(timestampPath ? { timestampPath } : {}),
    labels,
  };
}

function compileLevels(topic: unknown, fail: Fail): TopicLevel[] | undefined {
  if (typeof topic !== 'string') {
    fail('topic', 'must be a string such as {site}/{room}/{rack}/{metric}');
    return undefined;
  }
  const levels = parseTopicPattern(topic);
  if ('message' in levels) {
    fail('topic', `'${topic}' ${levels.message}`);
    return undefined;
  }
  for (const level of levels) {
    if (level.kind !== 'capture') continue;
    if (reservedCaptures.has(level.name) || level.name.startsWith('__')) {
      fail(
        'topic',
        `capture {${level.name}} uses a reserved name (field, topic, and names starting with __)`,
      );
    }
  }
  return levels;
}

function compileRefs(
  property: 'entity' | 'metric',
  text: unknown,
  known: ReadonlySet<string>,
  fail: Fail,
): NameTemplate | undefined {
  if (typeof text !== 'string' || text === '') {
    fail(property, 'must be a non-empty string');
    return undefined;
  }
  const template = compileTemplate(text);
  if ('message' in template) {
    fail(property, `'${text}' ${template.message}`);
    return undefined;
  }
  const unknown = template.refs.filter((ref) => !known.has(ref));
  if (unknown.length > 0) {
    const names = [...known].map((name) => `{${name}}`).join(', ') || 'none';
    fail(property, `'${text}' refers to ${unknown.map((ref) => `{${ref}}`).join(', ')}; known: ${names}`);
    return undefined;
  }
  return template;
}

function compilePath(property: string, path: unknown, fail: Fail): string[] | undefined {
  if (path === undefined) return undefined;
  if (typeof path !== 'string' || path === '' || path.split('.').some((part) => part === '')) {
    fail(property, 'must be a dotted path such as data.temp');
    return undefined;
  }
  return path.split('.');
}

function compileLabels(
  labels: unknown,
  captures: ReadonlySet<string>,
  fail: Fail,
): Record<string, string> | undefined {
  if (labels === undefined) return {};
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    fail('labels', 'must be a map of label names to strings');
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    if (typeof value !== 'string') fail(`labels.${name}`, 'must be a string');
    else if (name === '' || name.startsWith('__') || name === topicLabel) {
      fail(`labels.${name}`, `'${name}' is reserved (empty, ${topicLabel}, and names starting with __)`);
    } else if (captures.has(name)) fail(`labels.${name}`, `collides with the capture {${name}}`);
    else out[name] = value;
  }
  return out;
}
