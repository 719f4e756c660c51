/**
 * A growable ring buffer of numbers in arrival order: customer ids waiting at a station, or in the
 * single-station fast path their arrival times (hence doubles).
 */
export class FifoQueue {
  private items: Float64Array;
  private head = 0;
  private count = 0;

  constructor(initialCapacity = 16) {
    // A power of two, so wrapping is a mask.
    let capacity = 4;
    while (capacity < initialCapacity) capacity *= 2;
    this.items = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = value;
    this.count++;
  }

  /** Removes and returns the oldest value; the caller checks `size` first. */
  shift(): number {
    const value = this.items[this.head]!;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return value;
  }

  private grow(): void {
    const items = new Float64Array(this.items.length * 2);
    for (let i = 0; i < this.count; i++) items[i] = this.items[(this.head + i) & (this.items.length - 1)]!;
    this.items = items;
    this.head = 0;
  }
}
