/**
 * The few protobuf wire primitives the remote_write hot path needs. remote_write's WriteRequest is
 * a three-message schema frozen since 2017; reading it field by field without building objects is
 * what lets one core accept a million samples a second (ADR 7). Everything else uses protobufjs.
 */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

export const wireType = { varint: 0, fixed64: 1, len: 2, fixed32: 5 } as const;

/** A cursor over a protobuf message: `pos` advances as fields are read. */
export class ProtobufReader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a JS number; exact up to 2^53, which covers millisecond timestamps and lengths. */
  varint(): number {
    const { buf, end } = this;
    let pos = this.pos;
    let byte = 0;
    let result = 0;
    let multiplier = 1;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= end) throw new WireFormatError('truncated varint', pos);
      byte = buf[pos++] as number;
      result += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        this.pos = pos;
        return result;
      }
      multiplier *= 128;
    }
    throw new WireFormatError('varint longer than 10 bytes', this.pos);
  }

  /** An int64 varint: negative values are encoded as 10-byte two's complement. */
  int64(): number {
    const start = this.pos;
    const value = this.varint();
    if (this.pos - start < 10) return value;
    // Ten bytes: a negative number in two's complement, beyond a double's precision as unsigned.
    let exact = 0n;
    for (let i = 9; i >= 0; i--) exact = (exact << 7n) | BigInt((this.buf[start + i] as number) & 0x7f);
    return Number(BigInt.asIntN(64, exact));
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new WireFormatError('truncated double', this.pos);
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** Reads a length prefix and returns the end of the delimited bytes, checked against the message. */
  delimitedEnd(): number {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.end)
      throw new WireFormatError(`length ${length} runs past the end of the message`, this.pos);
    return end;
  }

  skip(type: number): void {
    const at = this.pos;
    switch (type) {
      case wireType.varint:
        this.varint();
        return;
      case wireType.fixed64:
        this.pos += 8;
        break;
      case wireType.len:
        this.pos = this.delimitedEnd();
        return;
      case wireType.fixed32:
        this.pos += 4;
        break;
      default:
        throw new WireFormatError(`unsupported wire type ${type}`, at);
    }
    if (this.pos > this.end) throw new WireFormatError('truncated field', at);
  }
}
