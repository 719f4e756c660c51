/**
 * Fixed-size pages carved from large slabs. Series never own a buffer: a page is a number, its
 * bytes live in slab `page >> slabShift` and its metadata (next page, bits used, samples held:
 * 8 bytes) beside them in the same slab, so the arena grows a slab at a time with no copying and
 * no spare capacity beyond the last slab. Freed pages go on a free list threaded through `next`
 * and are zeroed when reused (the bit writer ORs into them). Slabs are never returned.
 */
const SLAB_BYTES = 1 << 20;

interface Slab {
  readonly words: Uint32Array;
  /** Next page in a series' circular list, or the next free page. */
  readonly next: Int32Array;
  readonly usedBits: Uint16Array;
  /** Samples in the page, its header sample included. */
  readonly samples: Uint16Array;
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
    return this.#slabs[page >>> this.#slabShift]!.usedBits[page & this.#slabMask]!;
  }

  setUsedBits(page: number, bits: number): void {
    this.#slabs[page >>> this.#slabShift]!.usedBits[page & this.#slabMask] = bits;
  }

  samplesOf(page: number): number {
    return this.#slabs[page >>> this.#slabShift]!.samples[page & this.#slabMask]!;
  }

  setSamples(page: number, samples: number): void {
    this.#slabs[page >>> this.#slabShift]!.samples[page & this.#slabMask] = samples;
  }

  /** A zeroed page, not linked to anything (next = itself). */
  allocate(): number {
    if (this.#freeHead < 0) this.#addSlab();
    const page = this.#freeHead;
    this.#freeHead = this.nextOf(page);
    const base = this.baseWord(page);
    this.words(page).fill(0, base, base + this.pageWords);
    this.setNext(page, page);
    this.setUsedBits(page, 0);
    this.setSamples(page, 0);
    this.pagesInUse++;
    return page;
  }

  free(page: number): void {
    this.setNext(page, this.#freeHead);
    this.setSamples(page, 0);
    this.#freeHead = page;
    this.pagesInUse--;
  }

  #addSlab(): void {
    const count = this.#slabMask + 1;
    const first = this.#slabs.length * count;
    this.#slabs.push({
      words: new Uint32Array(count * this.pageWords),
      next: new Int32Array(count),
      usedBits: new Uint16Array(count),
      samples: new Uint16Array(count),
    });
    for (let page = first + count - 1; page >= first; page--) {
      this.setNext(page, this.#freeHead);
      this.#freeHead = page;
    }
  }
}
