import type { SourceClaims, TwinStore } from '../../../model/index.js';

/**
 * Each inventory source's last claims, kept in memory for drift reports and in the store for
 * restarts. One book per twin; importers record into it after their change set is durable.
 */
export class SourceClaimsBook {
  readonly #claims = new Map<string, SourceClaims>();

  private constructor(private readonly store: TwinStore) {}

  static async open(store: TwinStore): Promise<SourceClaimsBook> {
    const book = new SourceClaimsBook(store);
    for (const claims of await store.listSourceClaims()) book.#claims.set(claims.source, claims);
    return book;
  }

  list(): SourceClaims[] {
    return [...this.#claims.values()];
  }

  async record(claims: SourceClaims): Promise<void> {
    await this.store.saveSourceClaims(claims);
    this.#claims.set(claims.source, claims);
  }
}
