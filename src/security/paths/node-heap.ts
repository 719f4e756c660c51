/** A binary min-heap of (key, node) pairs in typed arrays; stale entries are skipped by the caller. */
export class NodeHeap {
  private keys: Float64Array;
  private nodes: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.nodes = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(key: number, node: number): void {
    if (this.count === this.keys.length) this.grow();
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] as number) <= key) break;
      this.keys[i] = this.keys[parent] as number;
      this.nodes[i] = this.nodes[parent] as number;
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  /** The smallest key's node; read `lastKey` for its key. Call only when size > 0. */
  pop(): number {
    const top = this.nodes[0] as number;
    this.lastKey = this.keys[0] as number;
    const key = this.keys[--this.count] as number;
    const node = this.nodes[this.count] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.count) break;
      if (child + 1 < this.count && (this.keys[child + 1] as number) < (this.keys[child] as number)) child++;
      if ((this.keys[child] as number) >= key) break;
      this.keys[i] = this.keys[child] as number;
      this.nodes[i] = this.nodes[child] as number;
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
    return top;
  }

  lastKey = 0;

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const nodes = new Uint32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}
