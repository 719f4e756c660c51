/** Never more chunks than this: memory stays O(stations · maxChunks) whatever the run length. */
const maxChunkBytes = 64 * 1024 * 1024;
const maxChunks = 65_536;

/**
 * What a run leaves for the analysis, in chunks of `chunkSize` consecutive network departures:
 * per chunk its end time, the sum of its end-to-end responses and, per station, the time integrals
 * of customers present and servers busy and the visits completed. The warm-up cut and the batches
 * are chosen afterwards from whole chunks, so MSER can look at the series first. Every response
 * is kept (float32) for the percentiles.
 */
export class RunRecord {
  readonly chunkSize: number;
  readonly chunkEnds: Float64Array;
  readonly responseSums: Float64Array;
  /** Per chunk then per station: index chunk · stationCount + station. */
  readonly areas: Float64Array;
  readonly busyAreas: Float64Array;
  readonly visitSums: Float64Array;
  readonly visitCounts: Float64Array;
  readonly responses: Float32Array;
  closedChunks = 0;
  events = 0;

  constructor(
    readonly customers: number,
    readonly stationCount: number,
  ) {
    const affordable = Math.floor(maxChunkBytes / (8 * (2 + 4 * stationCount)));
    const chunkCapacity = Math.max(64, Math.min(maxChunks, affordable));
    this.chunkSize = Math.max(5, Math.ceil(customers / chunkCapacity));
    const chunks = Math.floor(customers / this.chunkSize);
    this.chunkEnds = new Float64Array(chunks);
    this.responseSums = new Float64Array(chunks);
    this.areas = new Float64Array(chunks * stationCount);
    this.busyAreas = new Float64Array(chunks * stationCount);
    this.visitSums = new Float64Array(chunks * stationCount);
    this.visitCounts = new Float64Array(chunks * stationCount);
    this.responses = new Float32Array(customers);
  }

  /** Ends the current chunk at `time`, copying the stations' integrals (already brought up to `time`). */
  closeChunk(
    time: number,
    responseSum: number,
    areas: Float64Array,
    busyAreas: Float64Array,
    visitSums: Float64Array,
    visitCounts: Float64Array,
  ): void {
    const chunk = this.closedChunks++;
    if (chunk >= this.chunkEnds.length) return;
    this.chunkEnds[chunk] = time;
    this.responseSums[chunk] = responseSum;
    const offset = chunk * this.stationCount;
    this.areas.set(areas, offset);
    this.busyAreas.set(busyAreas, offset);
    this.visitSums.set(visitSums, offset);
    this.visitCounts.set(visitCounts, offset);
  }
}
