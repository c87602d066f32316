// numpy's default generator, `np.random.default_rng(seed)` (docs/builtin-scripts.md#outpainting-mk2): a
// SeedSequence turns the seed into four 64-bit words (its hashmix / mix pool of four 32-bit words), which
// seed PCG64 (128-bit LCG, XSL-RR output); `random()` is the top 53 bits of one output over 2^53.
// Outpainting mk2 draws its noise from `default_rng(0)`, so the same numbers come out here.

const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
/** PCG's default 128-bit multiplier. */
const PCG_MULTIPLIER = (2549297995355413924n << 64n) + 4865540595714422341n;

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

/** A non-negative integer as little-endian 32-bit words (numpy's `_int_to_uint32_array`; 0 → [0]). */
function uint32Words(n: bigint): number[] {
  const words: number[] = [];
  do {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  } while (n > 0n);
  return words;
}

/** SeedSequence(entropy).generate_state(words64, uint64) for a seed without spawn key. */
export function seedSequenceState(entropy: bigint, words64: number): bigint[] {
  let hashConst = INIT_A;
  const hashmix = (value: number) => {
    value = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    value = Math.imul(value, hashConst) >>> 0;
    return (value ^ (value >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number) => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> 16)) >>> 0;
  };
  const entropyWords = uint32Words(entropy);
  const pool = Array.from({ length: POOL_SIZE }, (_, i) => hashmix(entropyWords[i] ?? 0));
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
  }
  for (let src = POOL_SIZE; src < entropyWords.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropyWords[src]));
  }
  let stateConst = INIT_B;
  const words32 = Array.from({ length: 2 * words64 }, (_, i) => {
    let value = (pool[i % POOL_SIZE] ^ stateConst) >>> 0;
    stateConst = Math.imul(stateConst, MULT_B) >>> 0;
    value = Math.imul(value, stateConst) >>> 0;
    return (value ^ (value >>> 16)) >>> 0;
  });
  return Array.from({ length: words64 }, (_, i) => (BigInt(words32[2 * i + 1]) << 32n) | BigInt(words32[2 * i]));
}

export class NumpyPcg64 {
  private state = 0n;
  private readonly increment: bigint;

  /** `np.random.default_rng(seed)`'s bit generator. */
  constructor(seed: number | bigint) {
    const [s0, s1, i0, i1] = seedSequenceState(BigInt(seed), 4);
    this.increment = (((i0 << 64n) | i1) << 1n | 1n) & MASK128;
    this.step();
    this.state = (this.state + ((s0 << 64n) | s1)) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULTIPLIER + this.increment) & MASK128;
  }

  /** The next raw 64-bit output (`bit_generator.random_raw()`). */
  nextUint64(): bigint {
    this.step();
    const rot = this.state >> 122n;
    const xored = ((this.state >> 64n) ^ this.state) & MASK64;
    return ((xored >> rot) | (xored << ((64n - rot) & 63n))) & MASK64;
  }

  /** `Generator.random()`: a double in [0, 1). */
  random(): number {
    return Number(this.nextUint64() >> 11n) / 9007199254740992;
  }

  /** `Generator.random(size)` in C order. */
  randomArray(size: number): Float64Array {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.random();
    return out;
  }
}
