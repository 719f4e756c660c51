import type { Twin } from '../../model/index.js';
import { applyInventory, type InventoryApplyOptions, type InventoryApplyResult } from './apply-inventory.js';
import { computeDrift, type DriftReport, SourceClaimsBook } from './drift/index.js';
import type { InventoryImport } from './inventory-import.js';

/**
 * One twin's inventory imports — from the API, the CLI and scheduled re-syncs — run one at a time
 * (identity resolution must see the twin the previous import left), with each source's claims
 * recorded for drift reports.
 */
export class InventoryHub {
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly twin: Twin,
    readonly claims: SourceClaimsBook,
  ) {}

  static async open(twin: Twin): Promise<InventoryHub> {
    return new InventoryHub(twin, await SourceClaimsBook.open(twin.store));
  }

  /** Reads the source (`load`) and applies it, in turn with every other import. */
  run(
    load: () => InventoryImport | Promise<InventoryImport>,
    options: Omit<InventoryApplyOptions, 'claims'>,
  ): Promise<InventoryApplyResult> {
    const work = async () => {
      const inventory = await load();
      if (inventory.kinds && inventory.kinds.length > 0 && !options.dryRun)
        await this.twin.defineKinds(inventory.kinds);
      return applyInventory(this.twin, inventory, { ...options, claims: this.claims });
    };
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Drift of the live twin now: telemetry as fresh as the twin's staleness interval allows. */
  drift(): DriftReport {
    return computeDrift(this.twin.live, this.claims.list(), {
      now: this.twin.now(),
      staleAfterMs: this.twin.staleAfterMs,
    });
  }
}
