/**
 * Fixed-size pages carved from large shared slabs. Series never own a buffer: a page is a number,
 * its bytes live in slab `page >> slabShift`, and its metadata in three arena-wide arrays (8 bytes
 * a page). Slabs are allocated whole and never returned; freed pages go on a free list threaded
 * through `next`, and are zeroed when reused (the bit writer ORs into them).
 */
const SLAB_BYTES = 1 << 20;

export class PageArena {
  readonly pageBytes: number;
  readonly pageWords: number;
  readonly capacityBits: number;
  readonly slabShift: number;
  readonly slabMask: number;
  readonly slabs: Uint32Array[] = [];
  /** Next page in a series' circular list, or the next free page. */
  next = new Int32Array(0);
  /** Bits used in each page. */
  usedBits = new Uint16Array(0);
  /** Samples held by each page (its header sample included). */
  samples = new Uint16Array(0);
  pagesInUse = 0;
  #freeHead = -1;

  constructor(pageBytes: number) {
    if (!Number.isInteger(pageBytes) || pageBytes % 4 !== 0 || pageBytes < 32 || pageBytes > 8188) {
      throw new RangeError(`pageBytes must be a multiple of 4 in 32..8188, got ${pageBytes}`);
    }
    this.pageBytes = pageBytes;
    this.pageWords = pageBytes / 4;
    this.capacityBits = pageBytes * 8;
    const pagesPerSlab = 2 ** Math.floor(Math.log2(SLAB_BYTES / pageBytes));
    this.slabShift = Math.log2(pagesPerSlab);
    this.slabMask = pagesPerSlab - 1;
  }

  get pagesAllocated(): number {
    return this.slabs.length << this.slabShift;
  }

  get reservedBytes(): number {
    return this.slabs.length * (this.slabMask + 1) * this.pageBytes;
  }

  get metadataBytes(): number {
    return this.next.byteLength + this.usedBits.byteLength + this.samples.byteLength;
  }

  words(page: number): Uint32Array {
    return this.slabs[page >>> this.slabShift]!;
  }

  baseWord(page: number): number {
    return (page & this.slabMask) * this.pageWords;
  }

  /** A zeroed page, not linked to anything (next = itself). */
  allocate(): number {
    if (this.#freeHead < 0) this.#addSlab();
    const page = this.#freeHead;
    this.#freeHead = this.next[page]!;
    const base = this.baseWord(page);
    this.words(page).fill(0, base, base + this.pageWords);
    this.next[page] = page;
    this.usedBits[page] = 0;
    this.samples[page] = 0;
    this.pagesInUse++;
    return page;
  }

  free(page: number): void {
    this.next[page] = this.#freeHead;
    this.samples[page] = 0;
    this.#freeHead = page;
    this.pagesInUse--;
  }

  #addSlab(): void {
    const first = this.pagesAllocated;
    const count = this.slabMask + 1;
    this.slabs.push(new Uint32Array(count * this.pageWords));
    const total = first + count;
    if (total > this.next.length) this.#growMetadata(Math.max(total, Math.ceil(this.next.length * 1.5)));
    for (let page = total - 1; page >= first; page--) {
      this.next[page] = this.#freeHead;
      this.#freeHead = page;
    }
  }

  /** Metadata grows geometrically, not per slab, so its copying stays linear in the page count. */
  #growMetadata(length: number): void {
    this.next = copyInto(this.next, new Int32Array(length));
    this.usedBits = copyInto(this.usedBits, new Uint16Array(length));
    this.samples = copyInto(this.samples, new Uint16Array(length));
  }
}

function copyInto<T extends Int32Array | Uint16Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
