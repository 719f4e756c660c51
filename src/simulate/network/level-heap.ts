/**
 * A binary min-heap of (level, item, tag) in typed arrays, for the shortest-path and fair-share
 * loops; ties on level are broken by the smaller tag, then the smaller item, so runs are
 * deterministic. Stale entries are left in and skipped by the caller (lazy deletion).
 */
export class LevelHeap {
  private levels: Float64Array;
  private items: Int32Array;
  private tags: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.levels = new Float64Array(Math.max(1, capacity));
    this.items = new Int32Array(Math.max(1, capacity));
    this.tags = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  topLevel(): number {
    return this.count > 0 ? this.levels[0]! : Number.POSITIVE_INFINITY;
  }

  topItem(): number {
    return this.items[0]!;
  }

  topVersion(): number {
    return this.tags[0]!;
  }

  push(level: number, item: number, tag: number): void {
    if (this.count === this.levels.length) this.grow();
    let at = this.count++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(level, tag, item, parent)) break;
      this.move(parent, at);
      at = parent;
    }
    this.levels[at] = level;
    this.items[at] = item;
    this.tags[at] = tag;
  }

  pop(): void {
    const last = --this.count;
    if (last === 0) return;
    const { levels, items, tags } = this;
    const level = levels[last]!;
    const item = items[last]!;
    const tag = tags[last]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        precedes(levels[right]!, tags[right]!, items[right]!, levels[child]!, tags[child]!, items[child]!)
      ) {
        child = right;
      }
      if (!precedes(levels[child]!, tags[child]!, items[child]!, level, tag, item)) break;
      this.move(child, at);
      at = child;
    }
    levels[at] = level;
    items[at] = item;
    tags[at] = tag;
  }

  private before(level: number, tag: number, item: number, slot: number): boolean {
    return precedes(level, tag, item, this.levels[slot]!, this.tags[slot]!, this.items[slot]!);
  }

  private move(from: number, to: number): void {
    this.levels[to] = this.levels[from]!;
    this.items[to] = this.items[from]!;
    this.tags[to] = this.tags[from]!;
  }

  private grow(): void {
    const size = this.levels.length * 2;
    const levels = new Float64Array(size);
    const items = new Int32Array(size);
    const tags = new Int32Array(size);
    levels.set(this.levels);
    items.set(this.items);
    tags.set(this.tags);
    this.levels = levels;
    this.items = items;
    this.tags = tags;
  }
}

function precedes(
  level: number,
  tag: number,
  item: number,
  otherLevel: number,
  otherTag: number,
  otherItem: number,
) {
  if (level !== otherLevel) return level < otherLevel;
  if (tag !== otherTag) return tag < otherTag;
  return item < otherItem;
}
