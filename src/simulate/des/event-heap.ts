/**
 * A binary min-heap of (time, payload) events in parallel typed arrays: no object per event, so
 * a run of millions of events leaves the garbage collector idle. Events of equal time leave in
 * the order they were pushed (a sequence number breaks ties), which makes runs reproducible and
 * zero-duration steps behave as FIFO.
 */
export class EventHeap {
  private times: Float64Array;
  private sequences: Float64Array;
  private payloads: Int32Array;
  private count = 0;
  private nextSequence = 0;

  constructor(initialCapacity = 64) {
    const capacity = Math.max(4, initialCapacity);
    this.times = new Float64Array(capacity);
    this.sequences = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The earliest time; +∞ when empty. */
  get topTime(): number {
    return this.count > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /** The payload of the earliest event; meaningless when empty. */
  get topPayload(): number {
    return this.payloads[0]!;
  }

  push(time: number, payload: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const sequences = this.sequences;
    const payloads = this.payloads;
    const sequence = this.nextSequence++;
    // Sift a hole up instead of swapping: one write per level.
    let hole = this.count++;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && sequences[parent]! < sequence)) break;
      times[hole] = parentTime;
      sequences[hole] = sequences[parent]!;
      payloads[hole] = payloads[parent]!;
      hole = parent;
    }
    times[hole] = time;
    sequences[hole] = sequence;
    payloads[hole] = payload;
  }

  /** Removes the earliest event and returns its payload; read `topTime` first for its time. */
  pop(): number {
    const times = this.times;
    const sequences = this.sequences;
    const payloads = this.payloads;
    const top = payloads[0]!;
    const last = --this.count;
    if (last <= 0) return top;
    const time = times[last]!;
    const sequence = sequences[last]!;
    const payload = payloads[last]!;
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last) {
        const leftTime = times[child]!;
        const rightTime = times[right]!;
        if (rightTime < leftTime || (rightTime === leftTime && sequences[right]! < sequences[child]!)) {
          child = right;
        }
      }
      const childTime = times[child]!;
      if (time < childTime || (time === childTime && sequence < sequences[child]!)) break;
      times[hole] = childTime;
      sequences[hole] = sequences[child]!;
      payloads[hole] = payloads[child]!;
      hole = child;
    }
    times[hole] = time;
    sequences[hole] = sequence;
    payloads[hole] = payload;
    return top;
  }

  clear(): void {
    this.count = 0;
    this.nextSequence = 0;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    const payloads = new Int32Array(capacity);
    times.set(this.times);
    sequences.set(this.sequences);
    payloads.set(this.payloads);
    this.times = times;
    this.sequences = sequences;
    this.payloads = payloads;
  }
}
