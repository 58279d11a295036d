/**
 * A minimal protobuf wire-format reader: just enough to walk the top level of an ONNX `ModelProto`
 * and read string fields, skipping everything else (the graph and its weights) without decoding it.
 * Dependency-free, so the browser bundle carries no protobuf library.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class ProtoReader {
  pos = 0;
  readonly len: number;

  constructor(private readonly buf: Uint8Array) {
    this.len = buf.length;
  }

  /** A varint as a number (exact up to 2^53; larger values only occur in fields novae skips). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.len) throw new RangeError(`index out of range: ${this.pos} + 1 > ${this.len}`);
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
    throw new Error(`invalid varint encoding at offset ${this.pos}`);
  }

  /** The bytes of a length-delimited field (a view, not a copy). */
  bytes(): Uint8Array {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.len) throw new RangeError(`index out of range: ${this.pos} + ${length} > ${this.len}`);
    const view = this.buf.subarray(this.pos, end);
    this.pos = end;
    return view;
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  /** Skip one field's value of wire type `wireType`. */
  skipType(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT: this.varint(); return;
      case WIRE_FIXED64: this.skip(8); return;
      case WIRE_LENGTH_DELIMITED: this.bytes(); return;
      case WIRE_FIXED32: this.skip(4); return;
      default: throw new Error(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }

  private skip(n: number): void {
    if (this.pos + n > this.len) throw new RangeError(`index out of range: ${this.pos} + ${n} > ${this.len}`);
    this.pos += n;
  }
}
