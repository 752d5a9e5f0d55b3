/**
 * Growable typed arrays: the index keeps one number per record (or per posting) in flat
 * typed memory instead of objects, which is what keeps a million records in a few hundred MB.
 */

/** A typed array constructor the growable buffers accept. */
type TypedCtor<T> = { new (length: number): T; BYTES_PER_ELEMENT: number }
type NumericArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array

/** Return `arr` grown (doubling) so that index `needed - 1` is addressable. */
export function ensureCapacity<T extends NumericArray>(
  arr: T,
  needed: number,
  ctor: TypedCtor<T>,
): T {
  if (needed <= arr.length) return arr
  let size = Math.max(8, arr.length)
  while (size < needed) size = size < 1 << 20 ? size * 2 : Math.ceil(size * 1.5)
  const next = new ctor(size)
  next.set(arr)
  return next
}

/** A growable Int32 list (length + spare capacity). */
export class Int32List {
  data: Int32Array
  length = 0

  constructor(capacity = 8) {
    this.data = new Int32Array(capacity)
  }

  /** Append one value. */
  push(value: number): void {
    if (this.length === this.data.length) {
      this.data = ensureCapacity(this.data, this.length + 1, Int32Array)
    }
    this.data[this.length++] = value
  }

  /** Bytes held (capacity, not length). */
  bytes(): number {
    return this.data.byteLength
  }
}
