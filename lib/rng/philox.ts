// A1111's "NV" generator (modules/rng_philox.py): a CPU re-implementation of what torch.randn gives on
// CUDA, so the same seed yields the same picture as on an NVIDIA GPU. Philox-4x32-10 is counter-based:
// element i of a draw is a pure function of (key = seed, counter = (offset, c1, i, 0)), so any value can be
// computed without the ones before it. Box–Muller runs in float64 and only the result is rounded to float32,
// which is what makes the output bit-exact (docs/samplers.md#nv-philox).
//
// Two variants differ only in the Box–Muller scales (docs/samplers.md#nv-philox). "GPU" uses the exact 2⁻³² and 2π·2⁻³²:
// that reproduces the CUDA output rng_philox.py's docstring prints (seed 0: −0.92466259, −0.42534415,
// −2.6438457, 0.14518388 exactly, 11 of the first 12 values bit for bit), i.e. the pictures NVIDIA users
// get with A1111's default "GPU" source. "NV" uses rng_philox.py's float32 constants (2.3283064e-10 and
// 2.3283064e-10·6.2831855 rounded to float32) and so equals A1111's own NV generator bit for bit; the two
// differ by at most ~3e-7 per value.

const ROUND_MULTIPLIER_0 = 0xd2511f53;
const ROUND_MULTIPLIER_1 = 0xcd9e8d57;
const KEY_INCREMENT_0 = 0x9e3779b9;
const KEY_INCREMENT_1 = 0xbb67ae85;
const ROUNDS = 10;
const TWO_POW_32 = 2 ** 32;

export interface BoxMullerScales {
  uniform: number;
  angle: number;
}

/** CUDA's curand scales: A1111's "GPU" source on an NVIDIA card. */
export const CUDA_SCALES: BoxMullerScales = { uniform: 2 ** -32, angle: 2 * Math.PI * 2 ** -32 };
/** rng_philox.py's float32 constants: A1111's "NV" source. */
export const A1111_NV_SCALES: BoxMullerScales = { uniform: Math.fround(2.3283064e-10), angle: Math.fround(2.3283064e-10 * 6.2831855) };

/**
 * High 32 bits of the 64-bit product a·b of two uint32s. Doubles hold only 53 bits, so the product is
 * assembled from 16-bit halves (every partial product < 2³², every sum < 2⁵³).
 */
export function mulHigh32(a: number, b: number): number {
  const aLow = a & 0xffff;
  const aHigh = a >>> 16;
  const bLow = b & 0xffff;
  const bHigh = b >>> 16;
  const lowLow = aLow * bLow;
  const cross1 = aHigh * bLow + (lowLow >>> 16);
  const cross2 = aLow * bHigh + (cross1 & 0xffff);
  return (aHigh * bHigh + Math.floor(cross1 / 65536) + Math.floor(cross2 / 65536)) >>> 0;
}

/** Splits a seed into Philox's two key words: low and high 32 bits of its 64-bit two's complement. */
export function seedKey(seed: number): [number, number] {
  const low = ((seed % TWO_POW_32) + TWO_POW_32) % TWO_POW_32;
  const high = ((Math.floor(seed / TWO_POW_32) % TWO_POW_32) + TWO_POW_32) % TWO_POW_32;
  return [low, high];
}

/**
 * Fills `out` with standard normals: element i from Philox-4x32-10 on counter (counter0, counter1, i, 0)
 * and key (key0, key1), turned into one normal by Box–Muller's sine branch.
 */
export function philoxNormals(out: Float32Array, key0: number, key1: number, counter0: number, counter1: number, scales = CUDA_SCALES): Float32Array {
  const { uniform, angle } = scales;
  for (let i = 0; i < out.length; i++) {
    let c0 = counter0;
    let c1 = counter1;
    let c2 = i;
    let c3 = 0;
    let k0 = key0;
    let k1 = key1;
    for (let round = 0; round < ROUNDS; round++) {
      const high0 = mulHigh32(c0, ROUND_MULTIPLIER_0);
      const low0 = Math.imul(c0, ROUND_MULTIPLIER_0) >>> 0;
      const high1 = mulHigh32(c2, ROUND_MULTIPLIER_1);
      const low1 = Math.imul(c2, ROUND_MULTIPLIER_1) >>> 0;
      c0 = (high1 ^ c1 ^ k0) >>> 0;
      c1 = low1;
      c2 = (high0 ^ c3 ^ k1) >>> 0;
      c3 = low0;
      k0 = (k0 + KEY_INCREMENT_0) >>> 0;
      k1 = (k1 + KEY_INCREMENT_1) >>> 0;
    }
    const u = c0 * uniform + uniform / 2;
    const v = c1 * angle + angle / 2;
    out[i] = Math.sqrt(-2 * Math.log(u)) * Math.sin(v);
  }
  return out;
}

/** rng_philox.Generator: one seed, an offset that grows by 1 per `randn` call (not by the values drawn). */
export class PhiloxGenerator {
  private readonly key: [number, number];
  offset = 0;

  constructor(
    readonly seed: number,
    private readonly scales: BoxMullerScales = CUDA_SCALES,
  ) {
    this.key = seedKey(seed);
  }

  randn(count: number): Float32Array {
    const values = philoxNormals(new Float32Array(count), this.key[0], this.key[1], this.offset, 0, this.scales);
    this.offset += 1;
    return values;
  }
}
