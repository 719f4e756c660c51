export type {
  AlertRecord,
  AlertSeverity,
  AlertStatus,
  Prediction,
  PredictionClaim,
  PredictionOutcome,
} from './alert.js';
export type { AlertAction, AlertChange, AlertFilter, AlertListener, KindAccuracy } from './alert-book.js';
export { AlertBook } from './alert-book.js';
export type { ChangeSet, ChangeSetInput, ChangeSetSummary } from './change-set.js';
export { summarizeChangeSet } from './change-set.js';
export type { PlacedEntity } from './containment.js';
export { childRelations, containmentClosure, parentRelations } from './containment.js';
export {
  dependencyTypes,
  dependentOf,
  isDependencyRelation,
  isOptionalDependency,
  providerOf,
  redundancyGroupOf,
} from './dependency-rules.js';
export type { Entity, EntityId, EntityInput, Labels, Props } from './entity.js';
export { isValidEntityId, kindOfId } from './entity.js';
export type { InputIssue } from './errors.js';
export { ConflictError, formatIssue, InputError, NotAllowedError, NotFoundError } from './errors.js';
export type { FieldPath } from './field-path.js';
export { formatFieldPath } from './field-path.js';
export { defaultStaleAfterMs, deriveHealth } from './health.js';
export type { ImpactEffect, ImpactedEntity, ImpactReport } from './impact.js';
export { computeImpact } from './impact.js';
export type { IpAddress } from './ip-address.js';
export { formatIpAddress, isHostLocal, parseIp, parseIpv4, parseIpv6, unmapIpv4 } from './ip-address.js';
export type { IpNetwork } from './ip-network.js';
export { networkContains, networkMask, parseNetwork } from './ip-network.js';
export type { JsonPrimitive, JsonValue } from './json-value.js';
export { findNonFiniteNumber, isFiniteJson, jsonEqual } from './json-value.js';
export type { KindCatalog, KindSpec, MetricSpec, PropSpec, PropType, Thresholds } from './kind-catalog.js';
export { builtinKinds, createKindCatalog, hasPropType, relationPropSpecs } from './kind-catalog.js';
export type { LabelRequirement, LabelSelector } from './label-selector.js';
export { formatLabelSelector, matchesSelector, parseLabelSelector } from './label-selector.js';
export { MemoryTwinStore } from './memory-twin-store.js';
export type { EntityHealth, EntityMetrics, Health, MetricValue, Sample } from './metric-state.js';
export type { Operation, OperationKind } from './operation.js';
export type { PowerHop, PowerPathReport } from './power-path.js';
export { computePowerPath } from './power-path.js';
export type { Origin, Provenance } from './provenance.js';
export type {
  DependencyNode,
  EntityQuery,
  Page,
  PathStep,
  PropComparison,
  PropFilter,
  RelationQuery,
} from './queries.js';
export { dependencyClosure, findEntities, findRelations, parsePropFilter, shortestPath } from './queries.js';
export { createStreams, RandomStream } from './random-stream.js';
export type { Relation, RelationId, RelationInput, RelationType } from './relation.js';
export { isRelationType, relationId, relationTypes } from './relation.js';
export { rollupRows } from './rollup-columns.js';
export type {
  AppendResult,
  RangeFunction,
  RangeQuery,
  RangeResult,
  RollupBucket,
  SeriesMemoryStats,
  SeriesStoreOptions,
} from './series/index.js';
export { SeriesStore } from './series/index.js';
export type { SampleOutcome, TwinEvent, TwinListener, TwinOptions, ViewSelector } from './twin.js';
export { Twin } from './twin.js';
export type { DiffCandidates, FieldChange, MetricChange, TwinDiff } from './twin-diff.js';
export { diffToOperations, diffViews, isEmptyDiff } from './twin-diff.js';
export type {
  AuditEntry,
  ClaimedEntity,
  ClaimedRelation,
  ForkRecord,
  Role,
  RollupColumns,
  RollupQuery,
  SourceClaims,
  StoredMetric,
  StoredRollup,
  TokenRecord,
  TwinStore,
} from './twin-store.js';
export type { TwinView } from './twin-view.js';
