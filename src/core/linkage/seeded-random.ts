/**
 * A seeded pseudo-random source for training samples. Core takes no randomness from the
 * environment (house style): the caller passes a seed, so the same seed and parameters
 * give the same model (Splink #2882 was about non-reproducible training).
 */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, bound). */
  nextInt(bound: number): number
}

/** Create a deterministic PRNG (mulberry32 over a splitmix-scrambled seed). */
export function createRandomSource(seed: number): RandomSource {
  let state = scrambleSeed(seed) >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, nextInt: (bound) => Math.floor(next() * bound) }
}

function scrambleSeed(seed: number): number {
  let z = (Math.floor(seed) ^ 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return z ^ (z >>> 16)
}
