import type { Origin, SourceClaims, Twin } from '../../model/index.js';
import type { SourceClaimsBook } from './drift/index.js';
import { type InventoryChanges, inventoryChanges } from './inventory-changes.js';
import type { InventoryImport, InventoryProblem } from './inventory-import.js';
import { type FactConflict, type IdentityMatch, resolveIdentities } from './resolve-identities.js';

export interface InventoryApplyOptions {
  readonly actor: string;
  /** Show what would change; apply nothing. */
  readonly dryRun: boolean;
  /** Also remove what this source imported before and no longer has. */
  readonly prune: boolean;
  readonly fork?: string;
  /** `declared` for sources of truth (NetBox, Terraform, AWS), `observed` for what discovery sees. */
  readonly origin: Origin;
  /** Where the source's claims are recorded for drift reports (imports to the live twin only). */
  readonly claims?: SourceClaimsBook;
}

export interface InventoryApplyResult {
  readonly source: string;
  readonly dryRun: boolean;
  /** The change set applied, when something changed. */
  readonly seq?: number;
  readonly opCount: number;
  readonly added: number;
  readonly changed: InventoryChanges['changed'];
  readonly unchanged: number;
  readonly relationsAdded: number;
  readonly removedEntities: string[];
  readonly removedRelations: string[];
  /** Whether the removals were applied (prune) or only listed. */
  readonly pruned: boolean;
  readonly matches: IdentityMatch[];
  readonly ambiguous: Array<{ declared: string; candidates: string[]; by: string }>;
  readonly conflicts: FactConflict[];
  readonly problems: InventoryProblem[];
  readonly counts: Record<string, number>;
}

/**
 * Applies an inventory import as one change set attributed to its source: identities resolved
 * against the twin first (the same machine from two sources is one entity), conflicting facts
 * reported rather than overwritten, then only what differs is written; removals only with `prune`.
 */
export async function applyInventory(
  twin: Twin,
  inventory: InventoryImport,
  options: InventoryApplyOptions,
): Promise<InventoryApplyResult> {
  const view = twin.view(options.fork === undefined ? {} : { fork: options.fork });
  const resolved = resolveIdentities(view, inventory.document);
  const changes = inventoryChanges(view, resolved.document, { prune: options.prune });
  let seq: number | undefined;
  if (!options.dryRun && changes.operations.length > 0) {
    const changeSet = await twin.apply(
      {
        actor: options.actor,
        reason: `import ${inventory.document.source}${options.prune ? ' with prune' : ''}`,
        source: inventory.document.source,
        origin: options.origin,
        ops: changes.operations,
      },
      options.fork === undefined ? {} : { fork: options.fork },
    );
    seq = changeSet?.seq;
  }
  if (!options.dryRun && options.fork === undefined && options.claims) {
    await options.claims.record(claimsOf(inventory, resolved, options.origin, twin.now()));
  }
  return {
    source: inventory.document.source,
    dryRun: options.dryRun,
    ...(seq === undefined ? {} : { seq }),
    opCount: changes.operations.length,
    added: changes.added.length,
    changed: changes.changed,
    unchanged: changes.unchanged,
    relationsAdded: changes.relationsAdded,
    removedEntities: changes.removedEntities,
    removedRelations: changes.removedRelations,
    pruned: options.prune && !options.dryRun,
    matches: resolved.matches,
    ambiguous: resolved.ambiguous,
    conflicts: resolved.conflicts,
    problems: inventory.problems,
    counts: inventory.counts,
  };
}

/** What the source said on its own: drift compares it with what the others said. */
function claimsOf(
  inventory: InventoryImport,
  resolved: ReturnType<typeof resolveIdentities>,
  origin: Origin,
  at: number,
): SourceClaims {
  return {
    source: inventory.document.source,
    origin,
    at,
    entities: resolved.claimed.map((entity) => ({
      id: entity.id,
      kind: entity.kind,
      name: entity.name ?? entity.id.slice(entity.id.indexOf(':') + 1),
      props: entity.props ?? {},
    })),
    relations: resolved.document.relations.map(({ type, from, to, key }) =>
      key === undefined ? { type, from, to } : { type, from, to, key },
    ),
  };
}
