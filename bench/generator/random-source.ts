/**
 * The generator's own seeded PRNG: xoshiro128** (Blackman & Vigna, 2018) seeded through
 * splitmix32, so that the same seed gives byte-identical output on any machine and the
 * generator never touches Math.random.
 */
export class RandomSource {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    let s = seed >>> 0
    const next = (): number => {
      // splitmix32 step
      s = (s + 0x9e3779b9) >>> 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0
    const t = (this.b << 9) >>> 0
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = rotl(this.d, 11)
    return result
  }

  /** Uniform float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n)
  }

  /** Uniform integer in [lo, hi] inclusive. */
  nextBetween(lo: number, hi: number): number {
    return lo + this.nextInt(hi - lo + 1)
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.nextFloat() < p
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.nextInt(items.length)]
    if (item === undefined) throw new Error('pick from an empty array')
    return item
  }

  /** A derived, independent stream (for a sub-task that must not shift the main sequence). */
  fork(salt: number): RandomSource {
    return new RandomSource((this.nextUint32() ^ Math.imul(salt, 0x9e3779b1)) >>> 0)
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}

/** A table of items with weights, sampled by binary search over the cumulative weights. */
export class WeightedTable<T> {
  private readonly items: T[] = []
  private readonly cumulative: number[] = []
  private total = 0

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue
      this.total += weight
      this.items.push(item)
      this.cumulative.push(this.total)
    }
    if (this.items.length === 0) throw new Error('WeightedTable needs at least one positive weight')
  }

  /** Draw one item. */
  draw(random: RandomSource): T {
    const target = random.nextFloat() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cumulative[mid]! > target) hi = mid
      else lo = mid + 1
    }
    return this.items[lo]!
  }

  /** Number of items. */
  get size(): number {
    return this.items.length
  }

  /** Share of one item's weight in the total (for checking frequencies). */
  shareOf(predicate: (item: T) => boolean): number {
    let sum = 0
    let previous = 0
    for (let i = 0; i < this.items.length; i++) {
      const c = this.cumulative[i]!
      if (predicate(this.items[i]!)) sum += c - previous
      previous = c
    }
    return sum / this.total
  }
}
