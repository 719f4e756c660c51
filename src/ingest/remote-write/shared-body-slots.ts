/**
 * Fixed slots in one SharedArrayBuffer through which request bodies reach the decode thread.
 * Posting a body clones it: a fresh allocation and a copy on each side, which under load cost the
 * main thread a tenth of its time; a copy into a slot that is already mapped and warm costs a
 * few microseconds, and the message then carries only the slot's number. A slot is the thread's
 * to read until its answer comes back, and is written again only after that.
 */
export class SharedBodySlots {
  readonly buffer: SharedArrayBuffer;
  readonly slotBytes: number;
  readonly #free: number[];
  readonly #bytes: Uint8Array;

  constructor(slots = 16, slotBytes = 256 * 1024) {
    this.buffer = new SharedArrayBuffer(slots * slotBytes);
    this.slotBytes = slotBytes;
    this.#bytes = new Uint8Array(this.buffer);
    this.#free = Array.from({ length: slots }, (_, slot) => slots - 1 - slot);
  }

  /** Copies `body` into a free slot and returns the slot; -1 when none is free or it does not fit. */
  put(body: Uint8Array): number {
    if (body.byteLength > this.slotBytes) return -1;
    const slot = this.#free.pop();
    if (slot === undefined) return -1;
    this.#bytes.set(body, slot * this.slotBytes);
    return slot;
  }

  release(slot: number): void {
    this.#free.push(slot);
  }

  get freeSlots(): number {
    return this.#free.length;
  }
}
