import { BitReader } from './bit-reader.js';
import type { PageArena } from './page-arena.js';
import { firstTimestamp, PageDecoder } from './page-decoder.js';
import type { SampleCursor } from './range-query.js';

/** Walks a series' pages oldest first, decoding each in turn. */
export class SeriesCursor implements SampleCursor {
  ts = 0;
  value = 0;
  readonly #decoder = new PageDecoder();
  readonly #reader = new BitReader();
  #arena: PageArena | undefined;
  #page = -1;
  #tail = -1;

  /**
   * Positions before the first sample needed: pages whose successor starts at or before
   * `lowerBound` hold only samples before it and are skipped unread.
   */
  open(arena: PageArena, tail: number, lowerBound: number): void {
    this.#arena = arena;
    this.#tail = tail;
    if (tail < 0) {
      this.#page = -1;
      return;
    }
    let page = arena.nextOf(tail);
    while (page !== tail && firstTimestamp(arena, arena.nextOf(page), this.#reader) <= lowerBound) {
      page = arena.nextOf(page);
    }
    this.#page = page;
    this.#decoder.open(arena, page);
  }

  next(): boolean {
    const arena = this.#arena;
    if (this.#page < 0 || !arena) return false;
    const decoder = this.#decoder;
    while (!decoder.next()) {
      if (this.#page === this.#tail) {
        this.#page = -1;
        return false;
      }
      this.#page = arena.nextOf(this.#page);
      decoder.open(arena, this.#page);
    }
    this.ts = decoder.ts;
    this.value = decoder.value;
    return true;
  }
}
