import type { DecodeIssue } from '../raw-sample.js';

/** What went wrong with a message, for counting: stats group issues by this. */
export type MqttIssueKind =
  /** No rule's topic matches. */
  | 'no-rule'
  /** The entity template gave something that is not an entity id. */
  | 'entity'
  /** The metric template gave an empty name. */
  | 'metric'
  /** Empty, oversized or not UTF-8. */
  | 'payload'
  /** Not JSON. */
  | 'json'
  /** No number where the rule says the value is. */
  | 'value'
  /** A timestamp that cannot be read or is out of range. */
  | 'timestamp';

export const mqttIssueKinds: readonly MqttIssueKind[] = [
  'no-rule',
  'entity',
  'metric',
  'payload',
  'json',
  'value',
  'timestamp',
];

export interface MqttDecodeIssue extends DecodeIssue {
  kind: MqttIssueKind;
}
