import { isValidEntityId } from '../../model/index.js';
import type { DecodeResult, RawSample } from '../raw-sample.js';
import type { MqttDecodeIssue } from './mqtt-issue.js';
import { renderTemplate } from './name-template.js';
import {
  describeJson,
  isPlainObject,
  type Read,
  readJsonPayload,
  readPath,
  readTimestamp,
} from './payload-reading.js';
import type { TopicCaptures } from './topic-pattern.js';
import { type CompiledTopicRule, entityLabel, fieldRef, matchTopic, topicLabel } from './topic-rule.js';

export interface MqttDecodeResult extends DecodeResult {
  issues: MqttDecodeIssue[];
  /** The index of the rule that matched. */
  rule?: number;
  /** The entity the samples belong to, when the rule gave a valid id. */
  entityId?: string;
}

/**
 * One message's samples. The first rule whose topic matches decides everything; each sample's
 * labels are the rule's labels, `__entity` (the entity id, which the resolver binds to directly
 * instead of guessing from labels) and `topic`.
 */
export function decodeMqttMessage(
  rules: readonly CompiledTopicRule[],
  topic: string,
  payload: Uint8Array,
  nowMs: number,
): MqttDecodeResult {
  for (const [index, rule] of rules.entries()) {
    const captures = matchTopic(rule, topic);
    if (captures) return { rule: index, ...decodeWithRule(rule, topic, captures, payload, nowMs) };
  }
  return { samples: [], issues: [{ kind: 'no-rule', message: `no rule matches topic '${topic}'` }] };
}

interface Reading {
  metric: string;
  value: number;
}

function decodeWithRule(
  rule: CompiledTopicRule,
  topic: string,
  captures: TopicCaptures,
  payload: Uint8Array,
  nowMs: number,
): { samples: RawSample[]; issues: MqttDecodeIssue[]; entityId?: string } {
  const entityId = renderTemplate(rule.entity, captures);
  if (!isValidEntityId(entityId)) {
    const message = `topic '${topic}' gives the entity id '${entityId}', which is not <kind>:<name> without spaces`;
    return { samples: [], issues: [{ kind: 'entity', message }] };
  }
  const json = readJsonPayload(payload);
  if (!json.ok) return { samples: [], issues: [json.issue], entityId };
  const ts = messageTime(rule, json.value, nowMs);
  if (!ts.ok) return { samples: [], issues: [ts.issue], entityId };
  const issues: MqttDecodeIssue[] = [];
  const readings = rule.perField
    ? fieldReadings(rule, captures, json.value, issues)
    : singleReading(rule, captures, json.value, issues);
  // Captures already made the entity and metric (and stay readable in `topic`): as labels they
  // would split one reading into a series per topic level.
  const labels = { ...rule.labels, [entityLabel]: entityId, [topicLabel]: topic };
  const samples = readings.map(({ metric, value }) => ({
    name: metric,
    labels: { ...labels },
    value,
    ts: ts.value,
  }));
  return { samples, issues, entityId };
}

function messageTime(rule: CompiledTopicRule, json: unknown, nowMs: number): Read<number> {
  if (rule.timestampPath === undefined || typeof json !== 'object' || json === null)
    return { ok: true, value: nowMs };
  const found = readPath(json, rule.timestampPath);
  if (!found.found) return { ok: true, value: nowMs };
  const ts = readTimestamp(found.value);
  if (!ts.ok) ts.issue.field = rule.timestampPath.join('.');
  return ts;
}

function singleReading(
  rule: CompiledTopicRule,
  captures: TopicCaptures,
  json: unknown,
  issues: MqttDecodeIssue[],
): Reading[] {
  const metric = renderTemplate(rule.metric, captures);
  if (metric === '') {
    issues.push({ kind: 'metric', message: `the metric template '${rule.rule.metric}' gives an empty name` });
    return [];
  }
  const path = rule.valuePath.join('.');
  const fromPath = isPlainObject(json) || Array.isArray(json);
  const found = fromPath ? readPath(json, rule.valuePath) : { found: true, value: json };
  if (typeof found.value === 'number' && Number.isFinite(found.value))
    return [{ metric, value: found.value }];
  issues.push(
    fromPath
      ? {
          kind: 'value',
          message: `the value at '${path}' is ${describeFound(found.value)}, not a number`,
          field: path,
        }
      : {
          kind: 'value',
          message: `the payload is ${describeFound(json)}, not a number or an object with '${path}'`,
        },
  );
  return [];
}

function fieldReadings(
  rule: CompiledTopicRule,
  captures: TopicCaptures,
  json: unknown,
  issues: MqttDecodeIssue[],
): Reading[] {
  const path = rule.valuePath.join('.');
  const where = path === '' ? 'the payload' : `the value at '${path}'`;
  const found = readPath(json, rule.valuePath);
  if (!isPlainObject(found.value)) {
    issues.push({
      kind: 'value',
      message: `${where} is ${describeFound(found.value)}; the metric '${rule.rule.metric}' names fields, so it must be an object`,
      ...(path === '' ? {} : { field: path }),
    });
    return [];
  }
  const skip = timestampKeyIn(rule);
  const readings: Reading[] = [];
  for (const [key, value] of Object.entries(found.value)) {
    if (key === skip || typeof value !== 'number') continue;
    const reading = fieldReading(rule, captures, key, value, path, issues);
    if (reading) readings.push(reading);
  }
  if (readings.length === 0 && issues.length === 0) {
    issues.push({
      kind: 'value',
      message: `${where} has no numeric field`,
      ...(path === '' ? {} : { field: path }),
    });
  }
  return readings;
}

function fieldReading(
  rule: CompiledTopicRule,
  captures: TopicCaptures,
  key: string,
  value: number,
  path: string,
  issues: MqttDecodeIssue[],
): Reading | undefined {
  const field = path === '' ? key : `${path}.${key}`;
  if (!Number.isFinite(value)) {
    issues.push({ kind: 'value', message: `the value at '${field}' is not a finite number`, field });
    return undefined;
  }
  const metric = renderTemplate(rule.metric, { ...captures, [fieldRef]: key });
  if (metric !== '') return { metric, value };
  issues.push({ kind: 'metric', message: `the field '${key}' gives an empty metric name`, field });
  return undefined;
}

/** The timestamp's own field, when it sits among the value fields: it is not a measurement. */
function timestampKeyIn(rule: CompiledTopicRule): string | undefined {
  const ts = rule.timestampPath;
  if (ts === undefined || ts.length !== rule.valuePath.length + 1) return undefined;
  return rule.valuePath.every((part, index) => ts[index] === part) ? ts.at(-1) : undefined;
}

function describeFound(value: unknown): string {
  if (value === undefined) return 'missing';
  return typeof value === 'number' && !Number.isFinite(value)
    ? 'a number too large for a double'
    : describeJson(value);
}
