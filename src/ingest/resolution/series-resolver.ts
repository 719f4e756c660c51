import type { EntityId, EntityInput, RelationInput, TwinView } from '../../model/index.js';
import type { AliasIndex } from './alias-index.js';
import { type CompiledIdentityRule, compatibleKinds, expandTemplate, hostPart } from './identity-rules.js';
import { mapNodeExporterSeries, type NodeRole } from './node-exporter-host.js';
import { rateName, seriesName } from './series-naming.js';
import { wellKnownMetric } from './well-known-metrics.js';

/** Entities (and their containment) that must exist before a series can be bound. */
export interface DiscoveryNeed {
  entities: EntityInput[];
  relations: RelationInput[];
}

export type Resolution =
  | {
      status: 'bound';
      entityId: EntityId;
      seriesName: string;
      counter: boolean;
      /** The entity-state metric this series writes; absent for inputs of derived metrics. */
      stateMetric?: string;
      stateScale?: (value: number) => number;
      node?: { hostId: EntityId; role: NodeRole };
      /** Entities discovery must create first; absent when all exist. */
      discover?: DiscoveryNeed;
    }
  | { status: 'unknown'; label: string; value: string; kind: string; proposedId: EntityId }
  | { status: 'unresolvable'; reason: string };

export interface ResolverContext {
  view: TwinView;
  aliases: AliasIndex;
  rules: readonly CompiledIdentityRule[];
  /** Discovery creates unknown entities; strict mode reports them as unknown. */
  discover: boolean;
  source: string;
}

/** Decides which entity a series belongs to, what it is called there, and what it derives. */
export function resolveSeries(
  name: string,
  labels: Record<string, string>,
  counter: boolean,
  context: ResolverContext,
): Resolution {
  const identity = identify(name, labels, context);
  if (identity.status !== 'found') return identity.resolution;
  const { entityId, label, missing } = identity;
  const need: DiscoveryNeed = { entities: missing ? [missing] : [], relations: [] };
  const node =
    identity.kind === 'host' || entityId.startsWith('host:')
      ? mapNodeExporterSeries(name, labels, entityId)
      : undefined;
  let owner = entityId;
  if (node?.child) {
    owner = node.child.id;
    if (!context.view.entity(owner)) {
      need.entities.push({
        id: owner,
        kind: node.child.kind,
        name: node.child.name,
        props: node.child.props,
        labels: { 'discovered-by': context.source },
      });
      need.relations.push({ type: 'contains', from: entityId, to: owner });
    }
  }
  const named = seriesName(name, labels, [...(label ? [label] : []), ...(node?.consumed ?? [])]);
  const known = wellKnownMetric(name, labels);
  const stateMetric = node ? undefined : known ? known.metric : counter ? rateName(named) : named;
  return {
    status: 'bound',
    entityId: owner,
    seriesName: named,
    counter,
    ...(stateMetric ? { stateMetric } : {}),
    ...(known ? { stateScale: known.scale } : {}),
    ...(node?.role ? { node: { hostId: entityId, role: node.role } } : {}),
    ...(need.entities.length > 0 ? { discover: need } : {}),
  };
}

type Identity =
  | { status: 'found'; entityId: EntityId; kind: string; label: string | undefined; missing?: EntityInput }
  | { status: 'not-found'; resolution: Resolution };

function identify(name: string, labels: Record<string, string>, context: ResolverContext): Identity {
  for (const rule of context.rules) {
    if (!ruleApplies(rule, name, labels)) continue;
    if (rule.entity) {
      const id = expandTemplate(rule.entity, labels);
      if (id === undefined) continue;
      return existingOrDiscovered(id, rule.kind || id.slice(0, id.indexOf(':')), undefined, id, context);
    }
    const label = rule.label as string;
    const raw = labels[label];
    if (raw === undefined || raw === '') continue;
    if (rule.kind === '')
      return existingOrDiscovered(raw, raw.slice(0, Math.max(0, raw.indexOf(':'))), label, raw, context);
    const alias = label === 'instance' ? hostPart(raw) : raw;
    const found = context.aliases.resolve(alias, compatibleKinds[rule.kind] ?? [rule.kind]);
    if (found) return { status: 'found', entityId: found, kind: found.slice(0, found.indexOf(':')), label };
    return existingOrDiscovered(`${rule.kind}:${idSafe(alias)}`, rule.kind, label, alias, context);
  }
  return {
    status: 'not-found',
    resolution: { status: 'unresolvable', reason: 'no label names an entity (see ingest.identity)' },
  };
}

function existingOrDiscovered(
  id: EntityId,
  kind: string,
  label: string | undefined,
  value: string,
  context: ResolverContext,
): Identity {
  if (context.view.entity(id)) return { status: 'found', entityId: id, kind, label };
  if (!context.discover || !kind) {
    return {
      status: 'not-found',
      resolution: { status: 'unknown', label: label ?? 'entity', value, kind, proposedId: id },
    };
  }
  const missing: EntityInput = { id, kind, name: value, labels: { 'discovered-by': context.source } };
  return { status: 'found', entityId: id, kind, label, missing };
}

function ruleApplies(rule: CompiledIdentityRule, name: string, labels: Record<string, string>): boolean {
  if (rule.metricPrefixes && !rule.metricPrefixes.some((prefix) => name.startsWith(prefix))) return false;
  for (const [label, test] of rule.matchers) {
    const value = labels[label];
    if (value === undefined || !test(value)) return false;
  }
  return true;
}

/** Entity ids may not hold whitespace; sources' names sometimes do. */
function idSafe(value: string): string {
  return value.trim().replace(/\s+/g, '-');
}
