export type { EstateDocument, EstateFormat, ParseEstateOptions } from './estate-file.js';
export { estateApiVersion, estateToOperations, parseEstateFile, serializeEstate } from './estate-file.js';
export type { TimestampPrecision } from './formats/line-protocol.js';
export { parseLineProtocol } from './formats/line-protocol.js';
export type { PrometheusTextResult } from './formats/prometheus-text.js';
export { parsePrometheusText } from './formats/prometheus-text.js';
export type { SyslogMessage } from './formats/syslog-message.js';
export type { IngestServiceOptions, OtlpOutcome } from './ingest-service.js';
export { IngestService } from './ingest-service.js';
export type { InventoryApplyOptions, InventoryApplyResult } from './inventory/apply-inventory.js';
export { applyInventory } from './inventory/apply-inventory.js';
export type { DriftItem, DriftReport } from './inventory/drift/index.js';
export { computeDrift, SourceClaimsBook } from './inventory/drift/index.js';
export type { AdtGraphExport, DtdlKindUpload } from './inventory/dtdl-models.js';
export { adtGraphOf, dtdlOfCatalog, kindsFromDtdl } from './inventory/dtdl-models.js';
export { InventoryHub } from './inventory/inventory-hub.js';
export type { InventoryImport, InventoryProblem } from './inventory/inventory-import.js';
export type { InventorySource } from './inventory/inventory-sources.js';
export {
  inventoryOrigin,
  inventorySources,
  isInventorySource,
  parseInventory,
} from './inventory/inventory-sources.js';
export { fetchKubernetesObjects } from './inventory/kubernetes/index.js';
export { fetchNetbox } from './inventory/netbox/index.js';
export type { SnmpDevice } from './inventory/snmp/index.js';
export { pollDevice, snmpInventory } from './inventory/snmp/index.js';
export type { SyncRun, SyncSourceConfig, SyncStatus } from './inventory/sync/index.js';
export { InventorySync, syncJobOf } from './inventory/sync/index.js';
export type { JournalFormat, JournalRecord } from './journal/journal-record.js';
export type { SampleJournalOptions } from './journal/sample-journal.js';
export { SampleJournal } from './journal/sample-journal.js';
export type { LoadShedderOptions } from './load-shedder.js';
export type { IngestOutcome, LiveMirrorOptions, MirrorMode } from './mirror/live-mirror.js';
export { LiveMirror, looksLikeCounter } from './mirror/live-mirror.js';
export type { QuarantineEntry } from './mirror/quarantine.js';
export type { SeriesFunction, SeriesRangeAnswer, SeriesRangeRequest } from './mirror/series-query.js';
export { maxPoints, querySeriesRange } from './mirror/series-query.js';
export type { MqttSubscriberOptions, MqttSubscriberStats, MqttTopicRule } from './mqtt/index.js';
export { compileTopicRules, decodeMqttMessage, MqttSubscriber } from './mqtt/index.js';
export { decodeOtlpMetrics, encodeOtlpResponse, UnsupportedMediaTypeError } from './otlp/index.js';
export { OverloadedError } from './overloaded-error.js';
export type { DecodeIssue, DecodeResult, RawSample, RawSampleType } from './raw-sample.js';
export { PayloadTooLargeError } from './remote-write/snappy-block.js';
export type { IdentityRule } from './resolution/identity-rules.js';
export { defaultIdentityRules } from './resolution/identity-rules.js';
export type { ScrapeOutcome, ScraperOptions, ScrapeTarget } from './scrape/index.js';
export { compileAllowList, Scraper } from './scrape/index.js';
export type { ScrapeReceiverOptions } from './scrape-receiver.js';
export { parseExposition, startScrapeReceiver } from './scrape-receiver.js';
export type { StructuredText } from './structured-text.js';
export { readStructuredText } from './structured-text.js';
export type { SyslogEvent } from './syslog-events.js';
export { errorSeverity, SyslogEventLog } from './syslog-events.js';
export type { SyslogListenerOptions, SyslogListenerStats } from './syslog-listener.js';
export { SyslogListener } from './syslog-listener.js';
