// What an inventory importer (NetBox, Kubernetes, Terraform, AWS, DTDL, SNMP) produces: the estate
// its source declares, as an estate document, and what it could not use. Applying it is the same as
// importing an estate file with prune (docs/estate-file.md): one change set attributed to `source`,
// idempotent, with removals of what the source no longer has shown first as a dry-run diff.
import type { KindSpec } from '../../model/index.js';
import type { EstateDocument } from '../estate-document.js';

/** Something in the source that could not be mapped, and where: a JSON path or `file: path`. */
export interface InventoryProblem {
  readonly path: string;
  readonly message: string;
}

export interface InventoryImport {
  /** `source` is the provenance name, e.g. `netbox:netbox.example.com`, `k8s:prod-cluster`. */
  readonly document: EstateDocument & { source: string };
  readonly problems: InventoryProblem[];
  /** Objects read per source type (devices, pods…), for the import's summary. */
  readonly counts: Record<string, number>;
  /** Kinds the source defines (DTDL models), defined before its entities are applied. */
  readonly kinds?: KindSpec[];
}

/**
 * Entity ids shared by every importer, so the same machine seen by two sources lands on one entity
 * where the names agree (reconciliation joins the rest by serial, address and instance id):
 * lower-case, whitespace and characters an id cannot hold replaced by `-`.
 */
export function inventorySlug(text: string): string {
  return (
    text
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(/[^a-z0-9._\-/:[\]@]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '') || 'unnamed'
  );
}
