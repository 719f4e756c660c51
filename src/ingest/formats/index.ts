export { describeIssue } from './decode-issue-text.js';
export { type ExpositionFormat, expositionFormatFromContentType } from './exposition-content-type.js';
export { type LineProtocolOptions, parseLineProtocol, type TimestampPrecision } from './line-protocol.js';
export type { MetricFamilyMetadata } from './metric-families.js';
export {
  type PrometheusTextOptions,
  type PrometheusTextResult,
  parsePrometheusText,
} from './prometheus-text.js';
export { type SyslogFrame, SyslogFrameSplitter, type SyslogFramingOptions } from './syslog-framing.js';
export {
  parseSyslogMessage,
  type SeverityName,
  type SyslogMessage,
  type SyslogParseOptions,
  type SyslogParseResult,
  severityNames,
} from './syslog-message.js';
