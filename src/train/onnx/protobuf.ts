/**
 * A minimal protocol-buffers encoder: just enough wire format to write an ONNX model. Fields are
 * written in the order the caller writes them, so the same calls always give the same bytes.
 * There is no decoder: onnxruntime and the onnx checker read what this writes.
 */

/** How a field's value is laid out on the wire (the low three bits of its tag). */
const WireType = { Varint: 0, LengthDelimited: 2, Fixed32: 5 } as const;
type WireType = (typeof WireType)[keyof typeof WireType];

const textEncoder = new TextEncoder();

/** Appends fields to a growing buffer; `finish()` returns the encoded message. */
export class ProtoWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  /** Writes a varint field (int32, int64, uint64, bool, enum). Negative values take ten bytes, as int64 does. */
  varint(field: number, value: number | bigint): this {
    this.tag(field, WireType.Varint);
    this.rawVarint(value);
    return this;
  }

  /** Writes a `float` field as four little-endian bytes. */
  float(field: number, value: number): this {
    this.tag(field, WireType.Fixed32);
    this.rawFloat(value);
    return this;
  }

  /** Writes a `bytes` field. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WireType.LengthDelimited);
    this.rawVarint(value.length);
    this.append(value);
    return this;
  }

  /** Writes a `string` field as UTF-8. */
  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }

  /** Writes an embedded message field from another writer (or its finished bytes). */
  message(field: number, value: ProtoWriter | Uint8Array): this {
    return this.bytes(field, value instanceof ProtoWriter ? value.finish() : value);
  }

  /** Writes a packed repeated varint field (`[packed = true]` int32/int64); nothing when empty. */
  packedVarints(field: number, values: readonly (number | bigint)[]): this {
    if (values.length === 0) return this;
    const packed = new ProtoWriter();
    for (const value of values) packed.rawVarint(value);
    return this.bytes(field, packed.finish());
  }

  /** Writes a packed repeated float field; nothing when empty. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    if (values.length === 0) return this;
    const packed = new ProtoWriter();
    for (let i = 0; i < values.length; i++) packed.rawFloat(values[i]!);
    return this.bytes(field, packed.finish());
  }

  /** The message so far, as a copy the writer no longer touches. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private tag(field: number, wireType: WireType): void {
    if (!Number.isInteger(field) || field < 1 || field > 0x1fffffff) throw new RangeError(`bad protobuf field number ${field}`);
    this.rawVarint(field * 8 + wireType);
  }

  private rawVarint(value: number | bigint): void {
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) throw new RangeError(`varint ${value} is not a safe integer`);
      if (value < 0) {
        this.rawVarint(BigInt(value));
        return;
      }
      // Division, not bit shifts: shifts would truncate values past 2^31.
      let rest = value;
      while (rest >= 0x80) {
        this.push((rest % 0x80) | 0x80);
        rest = Math.floor(rest / 0x80);
      }
      this.push(rest);
      return;
    }
    // A negative int64 is written as its 64-bit two's complement, so it always takes ten bytes.
    let rest = BigInt.asUintN(64, value);
    while (rest >= 0x80n) {
      this.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.push(Number(rest));
  }

  private rawFloat(value: number): void {
    this.reserve(4);
    new DataView(this.buffer.buffer).setFloat32(this.length, value, true);
    this.length += 4;
  }

  private push(byte: number): void {
    this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  private append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
