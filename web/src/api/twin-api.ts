import type {
  Alert,
  AlertSeverity,
  AssetExplanationResult,
  AttackAnalysisRequest,
  AttackAnalysisResult,
  ChangeSet,
  ChangeSetSummary,
  DefenseEvaluationResult,
  DefenseRequest,
  Entity,
  EntityBrief,
  ExplanationRequest,
  ImpactReport,
  KindAccuracy,
  KindSpec,
  List,
  Page,
  Relation,
  RelationType,
  ScenarioResult,
  ScenarioSummary,
  SeriesInfo,
  SeriesRange,
  Session,
  TwinSummary,
} from '../contract';
import type { HttpClient } from './http-client';

export interface EntityQuery {
  kind?: string;
  selector?: string;
  search?: string;
}

export interface RelationQuery {
  type?: RelationType;
  from?: string;
  to?: string;
  fromKind?: string;
  toKind?: string;
}

export interface AlertQuery {
  /** `open`, `acknowledged`, `resolved`, or several. */
  status?: readonly string[];
  entity?: string;
  severity?: AlertSeverity;
  kind?: string;
  /** At most this many (the API's default: 1000). */
  limit?: number;
  /** Skip this many of the matching alerts, newest first (paging; default 0). */
  offset?: number;
}

export interface SeriesRangeQuery {
  startMs: number;
  endMs: number;
  stepMs: number;
  fn: 'avg' | 'min' | 'max' | 'last' | 'rate';
}

/** The API routes the UI reads, typed by the contract (docs/api.md describes each). */
export interface TwinApi {
  session(signal?: AbortSignal): Promise<Session>;
  summary(signal?: AbortSignal): Promise<TwinSummary>;
  /** The kind catalog, fetched once per sign-in (shared, so not abortable): units and thresholds change rarely. */
  kinds(): Promise<KindSpec[]>;
  /** The first page of matching alerts (`limit`, by default 1000), newest first, as a plain list. */
  alerts(query: AlertQuery, signal?: AbortSignal): Promise<Alert[]>;
  /** One page of matching alerts, newest first, with `total`: how many match in all. */
  alertPage(query: AlertQuery, signal?: AbortSignal): Promise<Page<Alert>>;
  alert(id: string, signal?: AbortSignal): Promise<Alert>;
  /** The alert once acknowledged, as the server answers it (operator). */
  acknowledgeAlert(id: string, signal?: AbortSignal): Promise<Alert>;
  /** The alert once resolved, as the server answers it (operator). */
  resolveAlert(id: string, signal?: AbortSignal): Promise<Alert>;
  /** How far each kind of prediction came true (`GET /api/predictions/accuracy`). */
  predictionAccuracy(signal?: AbortSignal): Promise<KindAccuracy[]>;
  entity(id: string, signal?: AbortSignal): Promise<Entity>;
  /** Every matching entity, however many pages that takes. */
  allEntities(query: EntityQuery, signal?: AbortSignal): Promise<Entity[]>;
  /** Every entity matching the query in brief (id, kind, name, health): for maps and pickers. */
  allEntityBriefs(query: EntityQuery, signal?: AbortSignal): Promise<EntityBrief[]>;
  /** Every matching relation, however many pages that takes. */
  allRelations(query: RelationQuery, signal?: AbortSignal): Promise<Relation[]>;
  /** The entity's relations, outgoing and incoming. */
  entityRelations(id: string, signal?: AbortSignal): Promise<Relation[]>;
  /** One change set of the live log, with its operations. */
  changeSet(seq: number, signal?: AbortSignal): Promise<ChangeSet>;
  /** Blast radius: what fails or degrades if the entity fails (`GET /api/entities/{id}/impact`). */
  impact(id: string, signal?: AbortSignal): Promise<ImpactReport>;
  /** The change sets that wrote an entity or its relations, newest first. */
  entityChanges(id: string, limit: number, signal?: AbortSignal): Promise<ChangeSetSummary[]>;
  series(entityId: string, signal?: AbortSignal): Promise<SeriesInfo[]>;
  seriesRange(
    entityId: string,
    series: string,
    query: SeriesRangeQuery,
    signal?: AbortSignal,
  ): Promise<SeriesRange>;
  /** The latest scenario runs the server kept, newest first. */
  scenarios(signal?: AbortSignal): Promise<ScenarioSummary[]>;
  /** One scenario's whole result, by its fork id (404 once the server dropped it). */
  scenarioResult(fork: string, signal?: AbortSignal): Promise<ScenarioResult>;
  /** Runs a scenario spec (the scenario format, docs/simulate.md) on a fork (operator). */
  runScenario(spec: unknown, signal?: AbortSignal): Promise<ScenarioResult>;
  /** The attack paths to the crown jewels, their odds and the hardening set (read-only). */
  analyseAttackPaths(request: AttackAnalysisRequest, signal?: AbortSignal): Promise<AttackAnalysisResult>;
  /** The derivation of how an attacker gets a privilege on an asset. */
  explainAttack(request: ExplanationRequest, signal?: AbortSignal): Promise<AssetExplanationResult>;
  /** Forks the twin, applies the defenses there and compares both analyses (operator). */
  evaluateDefenses(request: DefenseRequest, signal?: AbortSignal): Promise<DefenseEvaluationResult>;
}

/** The largest page the API serves (docs/api.md, Paging). */
const pageLimit = 10_000;

export function createTwinApi(http: HttpClient): TwinApi {
  let kinds: Promise<KindSpec[]> | undefined;
  const entityPath = (id: string) => `/api/entities/${encodeURIComponent(id)}`;
  const alertPath = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;
  // The query's parameters in the caller's order, the statuses joined as the API reads them.
  const alertPage = (query: AlertQuery, signal?: AbortSignal) =>
    http.get<Page<Alert>>('/api/alerts', { ...query, status: query.status?.join(',') }, signal);

  return {
    session: (signal) => http.get<Session>('/api/session', {}, signal),
    summary: (signal) => http.get<TwinSummary>('/api/summary', {}, signal),
    kinds() {
      kinds ??= http.get<List<KindSpec>>('/api/kinds').then((list) => list.items);
      // A failed fetch is not kept: the next caller asks again.
      kinds.catch(() => {
        kinds = undefined;
      });
      return kinds;
    },
    async alerts(query, signal) {
      return (await alertPage(query, signal)).items;
    },
    alertPage,
    alert: (id, signal) => http.get<Alert>(alertPath(id), {}, signal),
    acknowledgeAlert: (id, signal) => http.post<Alert>(`${alertPath(id)}/acknowledge`, undefined, {}, signal),
    resolveAlert: (id, signal) => http.post<Alert>(`${alertPath(id)}/resolve`, undefined, {}, signal),
    async predictionAccuracy(signal) {
      return (await http.get<List<KindAccuracy>>('/api/predictions/accuracy', {}, signal)).items;
    },
    entity: (id, signal) => http.get<Entity>(entityPath(id), {}, signal),
    allEntities: (query, signal) =>
      allPages((offset) =>
        http.get<Page<Entity>>('/api/entities', { ...query, offset, limit: pageLimit }, signal),
      ),
    allEntityBriefs: (query, signal) =>
      allPages((offset) =>
        http.get<Page<EntityBrief>>('/api/entity-briefs', { ...query, offset, limit: pageLimit }, signal),
      ),
    allRelations: (query, signal) =>
      allPages((offset) =>
        http.get<Page<Relation>>('/api/relations', { ...query, offset, limit: pageLimit }, signal),
      ),
    async entityRelations(id, signal) {
      return (await http.get<List<Relation>>(`${entityPath(id)}/relations`, {}, signal)).items;
    },
    impact: (id, signal) => http.get<ImpactReport>(`${entityPath(id)}/impact`, {}, signal),
    changeSet: (seq, signal) => http.get<ChangeSet>(`/api/changes/${seq}`, {}, signal),
    async entityChanges(id, limit, signal) {
      return (await http.get<List<ChangeSetSummary>>('/api/changes', { entity: id, limit }, signal)).items;
    },
    async series(entityId, signal) {
      return (await http.get<List<SeriesInfo>>('/api/series', { entity: entityId }, signal)).items;
    },
    seriesRange: (entityId, series, query, signal) =>
      http.get<SeriesRange>(
        '/api/series/query',
        {
          entity: entityId,
          series,
          start: Math.round(query.startMs),
          end: Math.round(query.endMs),
          step: Math.round(query.stepMs),
          fn: query.fn,
        },
        signal,
      ),
    async scenarios(signal) {
      return (await http.get<List<ScenarioSummary>>('/api/scenarios', {}, signal)).items;
    },
    scenarioResult: (fork, signal) =>
      http.get<ScenarioResult>(`/api/scenarios/${encodeURIComponent(fork)}`, {}, signal),
    runScenario: (spec, signal) => http.post<ScenarioResult>('/api/scenarios', spec, {}, signal),
    analyseAttackPaths: (request, signal) =>
      http.post<AttackAnalysisResult>('/api/attack/analyses', request, {}, signal),
    explainAttack: (request, signal) =>
      http.post<AssetExplanationResult>('/api/attack/explanations', request, {}, signal),
    evaluateDefenses: (request, signal) =>
      http.post<DefenseEvaluationResult>('/api/attack/defenses', request, {}, signal),
  };
}

async function allPages<T>(fetchPage: (offset: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = await fetchPage(items.length);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}
