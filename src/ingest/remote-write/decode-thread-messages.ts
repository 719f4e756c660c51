/**
 * What the main thread and the remote_write decode thread say to each other. Messages are handled
 * in the order they are posted, so a key assignment sent before a body is known when that body is
 * decoded.
 */

/** A series number not known yet (to the decode thread, or before resolution): the main thread resolves it. */
export const unknownSeries = -2;

export type ToDecodeThread =
  | { type: 'decode'; id: number; body: Uint8Array; maxBytes: number }
  /** A body in slot `slot` of the shared slots, `length` bytes long. */
  | { type: 'decode-shared'; id: number; slot: number; length: number; maxBytes: number }
  /** The shared slots (sent once, first; not a table message). */
  | { type: 'slots'; buffer: SharedArrayBuffer; slotBytes: number }
  /** Keys the main thread has bound: `keys` holds their bytes back to back, `ends[i]` where key i ends. */
  | {
      type: 'assign';
      keys: Uint8Array<ArrayBuffer>;
      ends: Int32Array<ArrayBuffer>;
      hashes: Int32Array<ArrayBuffer>;
      numbers: Int32Array<ArrayBuffer>;
    }
  /** Forget the keys bound to this number (series the main thread now resolves anew). */
  | { type: 'forget'; number: number }
  /** Forget every key (bindings changed: an entity was removed). */
  | { type: 'clear' };

export interface DecodedInThread {
  seriesCount: number;
  sampleCount: number;
  /** Per series: its number, `dropped`, or `unknownSeries`. */
  numbers: Int32Array<ArrayBuffer>;
  /** Key bytes of the series the main thread needs them for (unknown and dropped ones), back to back. */
  keys: Uint8Array<ArrayBuffer>;
  /** Per series: where its key lies in `keys` (0, 0 for series whose number is known). */
  keyStart: Int32Array<ArrayBuffer>;
  keyEnd: Int32Array<ArrayBuffer>;
  keyHash: Int32Array<ArrayBuffer>;
  sampleSeries: Int32Array<ArrayBuffer>;
  sampleTs: Float64Array<ArrayBuffer>;
  sampleValues: Float64Array<ArrayBuffer>;
  staleMarkers: number;
  histograms: number;
  metadata: number;
  /** How many table messages (assign, forget, clear) the thread had applied when it decoded this. */
  applied: number;
}

export type FromDecodeThread =
  | { id: number; decoded: DecodedInThread }
  | { id: number; error: { name: string; message: string; offset?: number } };
