// The API contract: the schemas and types of everything the API sends and receives. Shared with
// the web UI, so it imports nothing from the project, only TypeBox.
export type {
  Alert,
  AlertListQuery,
  AlertPage,
  AlertSeverity,
  AlertStatus,
  KindAccuracy,
  LiveAlertMessage,
} from './alert.js';
export {
  AlertListQuerySchema,
  AlertPageSchema,
  AlertSchema,
  AlertSeveritySchema,
  AlertStatusSchema,
  KindAccuracySchema,
  LiveAlertMessageSchema,
} from './alert.js';
export type {
  AssetExplanationResult,
  AttackAnalysisRequest,
  AttackAnalysisResult,
  AttackPath,
  DefenseEvaluationResult,
  DefenseRequest,
  ExplanationRequest,
} from './attack.js';
export {
  AssetExplanationSchema,
  AttackAnalysisRequestSchema,
  AttackAnalysisSchema,
  DefenseEvaluationSchema,
  DefenseRequestSchema,
  ExplanationRequestSchema,
} from './attack.js';
export type { AuditEntry, AuditQuery } from './audit-entry.js';
export { AuditEntrySchema, AuditQuerySchema } from './audit-entry.js';
export type { ChangeListQuery, ChangeParams, ForkQuery, IdParams } from './change-query.js';
export {
  ChangeListQuerySchema,
  ChangeParamsSchema,
  ForkQuerySchema,
  IdParamsSchema,
} from './change-query.js';
export type { ChangeSet, ChangeSetInput, ChangeSetSummary, Unchanged } from './change-set.js';
export {
  ChangeSetInputSchema,
  ChangeSetSchema,
  ChangeSetSummarySchema,
  UnchangedSchema,
} from './change-set.js';
export type { Entity, EntityBrief, EntityInput, EntityRecord, EntityState } from './entity.js';
export {
  EntityBriefSchema,
  EntityInputSchema,
  EntityRecordSchema,
  EntitySchema,
  EntityStateSchema,
} from './entity.js';
export type {
  ContainmentQuery,
  DependencyQuery,
  EntityListQuery,
  EntityParams,
  PathQuery,
} from './entity-query.js';
export {
  ContainmentQuerySchema,
  DependencyQuerySchema,
  EntityListQuerySchema,
  EntityParamsSchema,
  PathQuerySchema,
} from './entity-query.js';
export type { Fork, ForkInput } from './fork.js';
export { ForkInputSchema, ForkSchema } from './fork.js';
export type { Health, HealthReason } from './health.js';
export { HealthReasonSchema, HealthSchema, healthValues } from './health.js';
export type { ImpactedEntity, ImpactReport, ImpactRequest } from './impact-report.js';
export { ImpactedEntitySchema, ImpactReportSchema, ImpactRequestSchema } from './impact-report.js';
export type { ImportQuery, ImportResult } from './import-result.js';
export { ImportQuerySchema, ImportResultSchema } from './import-result.js';
export type { DriftItem, DriftQuery, DriftReport, SyncRun, SyncStatus } from './inventory.js';
export {
  DriftItemSchema,
  DriftQuerySchema,
  DriftReportSchema,
  driftItemTypes,
  SyncRunSchema,
  SyncStatusSchema,
} from './inventory.js';
export type { Labels, Props } from './json-value.js';
export { JsonValueSchema, LabelsSchema, PropsSchema } from './json-value.js';
export type { KindSpec, MetricSpec, PropSpec, Thresholds } from './kind-spec.js';
export { KindSpecSchema, MetricSpecSchema, PropSpecSchema, ThresholdsSchema } from './kind-spec.js';
export type { LintFinding, LintQuery, LintReport, LintSeverity } from './lint.js';
export {
  LintFindingSchema,
  LintQuerySchema,
  LintReportSchema,
  LintSeveritySchema,
  lintSeverities,
} from './lint.js';
export type {
  LiveAuthMessage,
  LiveChangeMessage,
  LiveClientMessage,
  LiveErrorMessage,
  LiveForkMessage,
  LiveLaggedMessage,
  LiveReadyMessage,
  LiveServerMessage,
  LiveStateMessage,
  LiveSubscribedMessage,
  LiveSubscribeMessage,
} from './live-message.js';
export {
  LiveAuthMessageSchema,
  LiveChangeMessageSchema,
  LiveClientMessageSchema,
  LiveErrorMessageSchema,
  LiveForkMessageSchema,
  LiveLaggedMessageSchema,
  LiveReadyMessageSchema,
  LiveServerMessageSchema,
  LiveStateMessageSchema,
  LiveSubscribedMessageSchema,
  LiveSubscribeMessageSchema,
} from './live-message.js';
export type { Metrics, MetricValue } from './metric-value.js';
export { MetricsSchema, MetricValueSchema } from './metric-value.js';
export type { Operation, OperationKind } from './operation.js';
export { OperationSchema } from './operation.js';
export type { List, Page } from './page.js';
export { ListSchema, PageSchema } from './page.js';
export type { ExpectedEffect, Fault, FaultSpec, FaultType } from './plant-fault.js';
export { ExpectedEffectSchema, FaultSchema, FaultSpecSchema, FaultTypeSchema } from './plant-fault.js';
export type { PowerHop, PowerPathReport } from './power-path-report.js';
export { PowerHopSchema, PowerPathReportSchema } from './power-path-report.js';
export type { InputIssue, Problem } from './problem.js';
export { InputIssueSchema, ProblemSchema } from './problem.js';
export type { Origin, Provenance } from './provenance.js';
export { OriginSchema, origins, ProvenanceSchema } from './provenance.js';
export type { Relation, RelationInput, RelationType } from './relation.js';
export { RelationInputSchema, RelationSchema, RelationTypeSchema, relationTypes } from './relation.js';
export type { RelationListQuery } from './relation-query.js';
export { RelationListQuerySchema } from './relation-query.js';
export type { ScenarioResult, ScenarioSummary, ScenarioViolation } from './scenario.js';
export {
  ChainStepSchema,
  chainEvents,
  EntityPredictionSchema,
  HeadroomSchema,
  ScenarioResultSchema,
  ScenarioSummarySchema,
  ScenarioViolationSchema,
  serviceStatuses,
  violationKinds,
} from './scenario.js';
export type {
  EventQuery,
  IngestStatus,
  QuarantineEntry,
  SeriesInfo,
  SeriesQuery,
  SeriesRange,
  SyslogEvent,
} from './series.js';
export {
  EventQuerySchema,
  IngestStatusSchema,
  QuarantineEntrySchema,
  SeriesInfoSchema,
  SeriesQuerySchema,
  SeriesRangeSchema,
  SyslogEventSchema,
} from './series.js';
export type {
  SeriesAnomalies,
  SeriesAnomalyQuery,
  SeriesForecast,
  SeriesForecastQuery,
} from './series-analysis.js';
export {
  SeriesAnomaliesSchema,
  SeriesAnomalyQuerySchema,
  SeriesForecastQuerySchema,
  SeriesForecastSchema,
} from './series-analysis.js';
export type { Session } from './session.js';
export { SessionSchema } from './session.js';
export type { CreatedToken, Role, Token, TokenInput } from './token.js';
export { CreatedTokenSchema, RoleSchema, roles, TokenInputSchema, TokenSchema } from './token.js';
export type { DependencyNode, PathReport, PathStep, PlacedEntity } from './traversal.js';
export { DependencyNodeSchema, PathReportSchema, PathStepSchema, PlacedEntitySchema } from './traversal.js';
export type { FieldChange, MetricChange, TwinDiff } from './twin-diff.js';
export { FieldChangeSchema, MetricChangeSchema, TwinDiffSchema } from './twin-diff.js';
export type { HealthCounts, Healthz, TwinSummary } from './twin-summary.js';
export { HealthzSchema, TwinSummarySchema } from './twin-summary.js';
export type { ViewQuery } from './view-query.js';
export { ViewQuerySchema } from './view-query.js';
