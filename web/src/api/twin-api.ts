import type {
  Alert,
  AlertSeverity,
  ChangeSet,
  ChangeSetSummary,
  Entity,
  KindSpec,
  List,
  Page,
  Relation,
  RelationType,
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
  limit?: number;
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
  alerts(query: AlertQuery, signal?: AbortSignal): Promise<Alert[]>;
  entity(id: string, signal?: AbortSignal): Promise<Entity>;
  /** Every matching entity, however many pages that takes. */
  allEntities(query: EntityQuery, signal?: AbortSignal): Promise<Entity[]>;
  /** Every matching relation, however many pages that takes. */
  allRelations(query: RelationQuery, signal?: AbortSignal): Promise<Relation[]>;
  /** The entity's relations, outgoing and incoming. */
  entityRelations(id: string, signal?: AbortSignal): Promise<Relation[]>;
  /** One change set of the live log, with its operations. */
  changeSet(seq: number, signal?: AbortSignal): Promise<ChangeSet>;
  /** The change sets that wrote an entity or its relations, newest first. */
  entityChanges(id: string, limit: number, signal?: AbortSignal): Promise<ChangeSetSummary[]>;
  series(entityId: string, signal?: AbortSignal): Promise<SeriesInfo[]>;
  seriesRange(
    entityId: string,
    series: string,
    query: SeriesRangeQuery,
    signal?: AbortSignal,
  ): Promise<SeriesRange>;
}

/** The largest page the API serves (docs/api.md, Paging). */
const pageLimit = 10_000;

export function createTwinApi(http: HttpClient): TwinApi {
  let kinds: Promise<KindSpec[]> | undefined;
  const entityPath = (id: string) => `/api/entities/${encodeURIComponent(id)}`;

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
      const { status, ...rest } = query;
      const list = await http.get<List<Alert>>('/api/alerts', { ...rest, status: status?.join(',') }, signal);
      return list.items;
    },
    entity: (id, signal) => http.get<Entity>(entityPath(id), {}, signal),
    allEntities: (query, signal) =>
      allPages((offset) =>
        http.get<Page<Entity>>('/api/entities', { ...query, offset, limit: pageLimit }, signal),
      ),
    allRelations: (query, signal) =>
      allPages((offset) =>
        http.get<Page<Relation>>('/api/relations', { ...query, offset, limit: pageLimit }, signal),
      ),
    async entityRelations(id, signal) {
      return (await http.get<List<Relation>>(`${entityPath(id)}/relations`, {}, signal)).items;
    },
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
