import type {
  AuditEntry,
  ChangeSet,
  ForkRecord,
  StoredMetric,
  TokenRecord,
  TwinStore,
} from '../model/index.js';

/**
 * A minimal in-memory TwinStore for the API tests, written while src/model's MemoryTwinStore was
 * still in progress. Copies on the way in and out, as a real store would.
 */
export class InTestTwinStore implements TwinStore {
  readonly #changeSets: ChangeSet[] = [];
  readonly #forks = new Map<string, ForkRecord>();
  readonly #forkChangeSets = new Map<string, ChangeSet[]>();
  readonly #metrics = new Map<string, StoredMetric>();
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #audit: AuditEntry[] = [];

  async readChangeSets(onChangeSet: (changeSet: ChangeSet) => void): Promise<void> {
    for (const changeSet of this.#changeSets) onChangeSet(structuredClone(changeSet));
  }
  async appendChangeSet(changeSet: ChangeSet): Promise<void> {
    this.#changeSets.push(structuredClone(changeSet));
  }
  async readChangeSet(seq: number, fork?: string): Promise<ChangeSet | undefined> {
    const log = fork === undefined ? this.#changeSets : (this.#forkChangeSets.get(fork) ?? []);
    const found = log.find((changeSet) => changeSet.seq === seq);
    return found ? structuredClone(found) : undefined;
  }
  async listForks(): Promise<ForkRecord[]> {
    return [...this.#forks.values()].map((fork) => ({ ...fork }));
  }
  async createFork(fork: ForkRecord): Promise<void> {
    this.#forks.set(fork.id, { ...fork });
    this.#forkChangeSets.set(fork.id, []);
  }
  async deleteFork(id: string): Promise<void> {
    this.#forks.delete(id);
    this.#forkChangeSets.delete(id);
  }
  async readForkChangeSets(forkId: string, onChangeSet: (changeSet: ChangeSet) => void): Promise<void> {
    for (const changeSet of this.#forkChangeSets.get(forkId) ?? []) onChangeSet(structuredClone(changeSet));
  }
  async appendForkChangeSet(changeSet: ChangeSet & { fork: string }): Promise<void> {
    this.#forkChangeSets.get(changeSet.fork)?.push(structuredClone(changeSet));
  }
  async saveMetrics(metrics: readonly StoredMetric[]): Promise<void> {
    for (const metric of metrics)
      this.#metrics.set(`${metric.entityId}\u0000${metric.metric}`, { ...metric });
  }
  async readMetrics(onMetric: (metric: StoredMetric) => void): Promise<void> {
    for (const metric of this.#metrics.values()) onMetric({ ...metric });
  }
  async createToken(token: TokenRecord): Promise<void> {
    this.#tokens.set(token.id, { ...token });
  }
  async listTokens(): Promise<TokenRecord[]> {
    return [...this.#tokens.values()].map((token) => ({ ...token }));
  }
  async revokeToken(id: string, at: number): Promise<void> {
    const token = this.#tokens.get(id);
    if (token) token.revokedAt = at;
  }
  async appendAudit(entry: AuditEntry): Promise<void> {
    this.#audit.push({ ...entry });
  }
  async listAudit(options: { since?: number; limit?: number }): Promise<AuditEntry[]> {
    const since = options.since ?? Number.NEGATIVE_INFINITY;
    return this.#audit
      .filter((entry) => entry.ts >= since)
      .slice(-(options.limit ?? 100))
      .reverse();
  }
  async close(): Promise<void> {}
}
