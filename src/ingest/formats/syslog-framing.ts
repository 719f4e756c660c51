import type { DecodeIssue } from '../raw-sample.js';

/**
 * Syslog over TCP (RFC 6587 §3.4): a stream of messages, each framed either by octet counting
 * (`LEN SP MSG`, §3.4.1) or by a trailing LF (non-transparent framing, §3.4.2). Senders pick one,
 * and some mix them, so the framing is detected per message: a message that starts with a digit is
 * octet-counted (a syslog message itself starts with `<`), anything else runs to the next LF.
 *
 * Nothing buffered grows beyond the size limit: an octet-counted message over it is skipped by its
 * count, an LF-framed one up to its LF; both yield an issue, and the stream goes on after them.
 */
export type SyslogFrame =
  | { ok: true; message: string }
  | { ok: false; reason: 'oversized' | 'framing'; issue: DecodeIssue };

export interface SyslogFramingOptions {
  /** The largest message accepted, in bytes (RFC 5425 asks receivers for at least 2048). */
  maxMessageBytes: number;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const NUL = 0;

/** Enough digits for any count this splitter would accept; more is garbage, not a length. */
const maxCountDigits = 10;

type State =
  | { kind: 'start' }
  | { kind: 'counted'; length: number }
  | { kind: 'skipCounted'; remaining: number }
  | { kind: 'skipLine' };

export class SyslogFrameSplitter {
  readonly #maxBytes: number;
  #pending: Buffer = Buffer.alloc(0);
  #state: State = { kind: 'start' };
  /** Stream offset of #pending[0], for locating issues. */
  #offset = 0;
  /** How far #pending was already searched for an LF. */
  #searched = 0;

  constructor(options: SyslogFramingOptions) {
    this.#maxBytes = options.maxMessageBytes;
  }

  /** The frames that `chunk` completes, in order. */
  push(chunk: Uint8Array): SyslogFrame[] {
    const frames: SyslogFrame[] = [];
    const buffer = this.#pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#pending, chunk]);
    const consumed = this.#split(buffer, frames);
    // A copy, so that a big chunk is not kept alive by the few bytes of a partial message.
    this.#pending = consumed === buffer.length ? Buffer.alloc(0) : Buffer.from(buffer.subarray(consumed));
    this.#offset += consumed;
    this.#searched = Math.max(0, this.#searched - consumed);
    return frames;
  }

  /** The end of the stream: an unterminated LF-framed message is still a message. */
  end(): SyslogFrame[] {
    const pending = this.#pending;
    const state = this.#state;
    this.#pending = Buffer.alloc(0);
    this.#state = { kind: 'start' };
    if (state.kind === 'counted') {
      return [
        framing(this.#offset, `stream ended inside a message: ${pending.length} of ${state.length} bytes`),
      ];
    }
    if (state.kind !== 'start' || pending.length === 0) return [];
    const text = messageText(pending, 0, pending.length);
    return text === '' ? [] : [{ ok: true, message: text }];
  }

  /** Splits what it can from `buffer` into `frames`; returns how many bytes it used. */
  #split(buffer: Buffer, frames: SyslogFrame[]): number {
    let pos = 0;
    for (;;) {
      const next = this.#step(buffer, pos, frames);
      if (next === pos) return pos;
      pos = next;
    }
  }

  /** One step of the state machine from `pos`; returns the new position (`pos` when it needs more bytes). */
  #step(buffer: Buffer, pos: number, frames: SyslogFrame[]): number {
    const state = this.#state;
    switch (state.kind) {
      case 'start':
        return this.#startMessage(buffer, pos, frames);
      case 'counted': {
        if (buffer.length - pos < state.length) return pos;
        frames.push({ ok: true, message: buffer.toString('utf8', pos, pos + state.length) });
        this.#state = { kind: 'start' };
        return pos + state.length;
      }
      case 'skipCounted': {
        const skipped = Math.min(state.remaining, buffer.length - pos);
        state.remaining -= skipped;
        if (state.remaining === 0) this.#state = { kind: 'start' };
        return pos + skipped;
      }
      case 'skipLine': {
        const newline = buffer.indexOf(LF, pos);
        if (newline === -1) return buffer.length;
        this.#state = { kind: 'start' };
        return newline + 1;
      }
    }
  }

  #startMessage(buffer: Buffer, start: number, frames: SyslogFrame[]): number {
    let pos = start;
    // Separators between messages: the LF some senders add after octet-counted frames, stray NULs.
    while (pos < buffer.length && isSeparator(buffer[pos]!)) pos++;
    if (pos === buffer.length) return pos;
    const first = buffer[pos]!;
    return first >= 49 && first <= 57
      ? this.#readCount(buffer, pos, frames)
      : this.#readLine(buffer, pos, frames);
  }

  /** `LEN SP`: the count of an octet-counted message (RFC 6587 §3.4.1, MSG-LEN has no leading zero). */
  #readCount(buffer: Buffer, start: number, frames: SyslogFrame[]): number {
    let length = 0;
    let pos = start;
    for (; pos < buffer.length && pos - start <= maxCountDigits; pos++) {
      const code = buffer[pos]!;
      if (code === SPACE) break;
      if (code < 48 || code > 57) return this.#badCount(start, pos, frames);
      length = length * 10 + (code - 48);
    }
    if (pos - start > maxCountDigits) return this.#badCount(start, pos, frames);
    if (pos === buffer.length) return start;
    if (length > this.#maxBytes) {
      frames.push(
        oversized(this.#offset + start, `message of ${length} bytes exceeds the limit of ${this.#maxBytes}`),
      );
      this.#state = { kind: 'skipCounted', remaining: length };
    } else {
      this.#state = { kind: 'counted', length };
    }
    return pos + 1;
  }

  #badCount(start: number, pos: number, frames: SyslogFrame[]): number {
    frames.push(framing(this.#offset + start, 'a frame starting with a digit must be "LENGTH SP MESSAGE"'));
    this.#state = { kind: 'skipLine' };
    return pos;
  }

  /** An LF-terminated message (RFC 6587 §3.4.2). */
  #readLine(buffer: Buffer, start: number, frames: SyslogFrame[]): number {
    const newline = buffer.indexOf(LF, Math.max(start, this.#searched));
    if (newline === -1) {
      if (buffer.length - start <= this.#maxBytes) {
        this.#searched = buffer.length;
        return start;
      }
      frames.push(
        oversized(this.#offset + start, `message exceeds the limit of ${this.#maxBytes} bytes before its LF`),
      );
      this.#state = { kind: 'skipLine' };
      this.#searched = 0;
      return buffer.length;
    }
    this.#searched = 0;
    if (newline - start > this.#maxBytes) {
      frames.push(
        oversized(
          this.#offset + start,
          `message of ${newline - start} bytes exceeds the limit of ${this.#maxBytes}`,
        ),
      );
    } else {
      frames.push({ ok: true, message: messageText(buffer, start, newline) });
    }
    return newline + 1;
  }
}

function isSeparator(code: number): boolean {
  return code === LF || code === CR || code === NUL;
}

/** The bytes as text, without the CR of a CRLF line end. */
function messageText(buffer: Buffer, start: number, end: number): string {
  const stop = end > start && buffer[end - 1] === CR ? end - 1 : end;
  return buffer.toString('utf8', start, stop);
}

function oversized(offset: number, message: string): SyslogFrame {
  return {
    ok: false,
    reason: 'oversized',
    issue: { message: `at byte ${offset} of the stream: ${message}` },
  };
}

function framing(offset: number, message: string): SyslogFrame {
  return { ok: false, reason: 'framing', issue: { message: `at byte ${offset} of the stream: ${message}` } };
}
