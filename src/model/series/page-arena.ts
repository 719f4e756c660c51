/**
 * Fixed-size pages carved from large slabs. Series never own a buffer: a page is a number, its
 * bytes live in slab `page >> slabShift` and its metadata (next page, bits used, samples held:
 * 8 bytes) beside them in the same slab, so the arena grows a slab at a time with no copying and
 * no spare capacity beyond the last slab. Bits used and samples share one 32-bit word, so an
 * append touches one metadata cache line, not two. Freed pages go on a free list threaded through `next`
 * and are zeroed when reused (the bit writer ORs into them). Slabs are never returned.
 */
const SLAB_BYTES = 1 << 20;

interface Slab {
  readonly words: Uint32Array;
  /** Next page in a series' circular list, or the next free page. */
  readonly next: Int32Array;
  /** Bits used (low 16 bits) and samples held, its header sample included (high 16 bits). */
  readonly fill: Uint32Array;
}

export class PageArena {
  readonly pageBytes: number;
  readonly pageWords: number;
  readonly capacityBits: number;
  readonly #slabShift: number;
  readonly #slabMask: number;
  readonly #slabs: Slab[] = [];
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
    this.#slabShift = Math.log2(pagesPerSlab);
    this.#slabMask = pagesPerSlab - 1;
  }

  /** Slab bytes allocated, free pages included. */
  get reservedBytes(): number {
    return this.#slabs.length * (this.#slabMask + 1) * this.pageBytes;
  }

  /** Bytes of page metadata, for every allocated page. */
  get metadataBytes(): number {
    return this.#slabs.length * (this.#slabMask + 1) * 8;
  }

  words(page: number): Uint32Array {
    return this.#slabs[page >>> this.#slabShift]!.words;
  }

  baseWord(page: number): number {
    return (page & this.#slabMask) * this.pageWords;
  }

  nextOf(page: number): number {
    return this.#slabs[page >>> this.#slabShift]!.next[page & this.#slabMask]!;
  }

  setNext(page: number, next: number): void {
    this.#slabs[page >>> this.#slabShift]!.next[page & this.#slabMask] = next;
  }

  usedBitsOf(page: number): number {
    return this.#slabs[page >>> this.#slabShift]!.fill[page & this.#slabMask]! & 0xffff;
  }

  samplesOf(page: number): number {
    return this.#slabs[page >>> this.#slabShift]!.fill[page & this.#slabMask]! >>> 16;
  }

  /** Sets the page's bits used and sample count. */
  setFill(page: number, bits: number, samples: number): void {
    this.#slabs[page >>> this.#slabShift]!.fill[page & this.#slabMask] = bits | (samples << 16);
  }

  /** Records one more sample in the page, now `bits` long. */
  addSample(page: number, bits: number): void {
    const fill = this.#slabs[page >>> this.#slabShift]!.fill;
    const index = page & this.#slabMask;
    fill[index] = bits | (((fill[index]! >>> 16) + 1) << 16);
  }

  /** A zeroed page, not linked to anything (next = itself). */
  allocate(): number {
    if (this.#freeHead < 0) this.#addSlab();
    const page = this.#freeHead;
    this.#freeHead = this.nextOf(page);
    const base = this.baseWord(page);
    this.words(page).fill(0, base, base + this.pageWords);
    this.setNext(page, page);
    this.setFill(page, 0, 0);
    this.pagesInUse++;
    return page;
  }

  free(page: number): void {
    this.setNext(page, this.#freeHead);
    this.setFill(page, 0, 0);
    this.#freeHead = page;
    this.pagesInUse--;
  }

  #addSlab(): void {
    const count = this.#slabMask + 1;
    const first = this.#slabs.length * count;
    this.#slabs.push({
      words: new Uint32Array(count * this.pageWords),
      next: new Int32Array(count),
      fill: new Uint32Array(count),
    });
    for (let page = first + count - 1; page >= first; page--) {
      this.setNext(page, this.#freeHead);
      this.#freeHead = page;
    }
  }
}
