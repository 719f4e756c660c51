export type { MqttDecodeResult } from './decode-message.js';
export { decodeMqttMessage } from './decode-message.js';
export type { MqttDecodeIssue, MqttIssueKind } from './mqtt-issue.js';
export { mqttIssueKinds } from './mqtt-issue.js';
export type {
  MqttSubscriberIssueKind,
  MqttSubscriberOptions,
  MqttSubscriberStats,
} from './mqtt-subscriber.js';
export { MqttSubscriber, subscriptionFilters } from './mqtt-subscriber.js';
export { maxPayloadBytes } from './payload-reading.js';
export type { TopicCaptures, TopicLevel } from './topic-pattern.js';
export type { CompiledTopicRule, MqttTopicRule } from './topic-rule.js';
export { compileTopicRule, compileTopicRules, entityLabel, matchTopic, topicLabel } from './topic-rule.js';
