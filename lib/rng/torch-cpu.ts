// torch's CPU generator (the "CPU" randn source, and "GPU" on a machine without CUDA): MT19937 seeded by
// torch.manual_seed, and torch.randn's two float32 paths (docs/samplers.md#torch-cpu-generator):
//  * fewer than 16 values: one normal_distribution<double> per value, Box–Muller whose second (sine) value is
//    cached in the generator and survives between randn calls;
//  * 16 or more: "normal_fill" — draw all float uniforms first, then Box–Muller in blocks of 16 (value j pairs
//    with value j + 8); a ragged tail recomputes the last 16 outputs from 16 fresh uniforms.
//
// The ≥ 16 path follows torch's scalar kernel: float32 logf/sqrtf/cosf/sinf, emulated here as the correctly rounded
// float32 of the double-precision function (glibc's float functions are correctly rounded for practically all
// inputs; a double rounding could differ in the last ulp on rare inputs). x86 builds of torch with AVX2 use a
// Cephes-style vector kernel instead, whose log/sincos approximations and float32 angle differ from the scalar
// kernel by up to ~2e-6 — those builds are not reproducible bit for bit (nor across compilers), so the scalar kernel
// is the reference here.

const STATE_SIZE = 624;
const SHIFT_SIZE = 397;
const MATRIX_A = 0x9908b0df;
const TWO_PI = 2 * Math.PI;

/** The 32-bit Mersenne Twister, seeded like std::mt19937 / at::mt19937 (init_genrand). */
export class MersenneTwister {
  private readonly state = new Uint32Array(STATE_SIZE);
  private index = STATE_SIZE;

  constructor(seed: number) {
    this.state[0] = seed >>> 0;
    for (let i = 1; i < STATE_SIZE; i++) {
      const previous = this.state[i - 1] ^ (this.state[i - 1] >>> 30);
      this.state[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
  }

  nextUint32(): number {
    if (this.index >= STATE_SIZE) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < STATE_SIZE; i++) {
      const y = (s[i] & 0x80000000) | (s[(i + 1) % STATE_SIZE] & 0x7fffffff);
      s[i] = s[(i + SHIFT_SIZE) % STATE_SIZE] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }
}

/** A torch.Generator on the CPU after manual_seed(seed): only the low 32 bits of the seed matter. */
export class TorchCpuGenerator {
  private readonly engine: MersenneTwister;
  private cachedNormal: number | null = null;

  constructor(seed: number) {
    this.engine = new MersenneTwister(((seed % 2 ** 32) + 2 ** 32) % 2 ** 32);
  }

  /** uniform_real_distribution<float>: 24 random bits. */
  uniformFloat(): number {
    return (this.engine.nextUint32() & 0xffffff) / 0x1000000;
  }

  /** uniform_real_distribution<double>: the low 53 bits of (first << 32 | second). */
  uniformDouble(): number {
    const high = this.engine.nextUint32() & 0x1fffff;
    const low = this.engine.nextUint32();
    return (high * 2 ** 32 + low) / 2 ** 53;
  }

  /** normal_distribution<double>, with torch's one-value cache. */
  normalDouble(): number {
    if (this.cachedNormal !== null) {
      const cached = this.cachedNormal;
      this.cachedNormal = null;
      return cached;
    }
    const u1 = this.uniformDouble();
    const u2 = this.uniformDouble();
    const radius = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = TWO_PI * u1;
    this.cachedNormal = radius * Math.sin(theta);
    return radius * Math.cos(theta);
  }

  /** torch.randn(count) into a contiguous float32 tensor. */
  randn(count: number): Float32Array {
    const out = new Float32Array(count);
    if (count < 16) {
      for (let i = 0; i < count; i++) out[i] = this.normalDouble();
      return out;
    }
    for (let i = 0; i < count; i++) out[i] = this.uniformFloat();
    for (let start = 0; start + 16 <= count; start += 16) boxMullerBlock16(out, start);
    if (count % 16 !== 0) {
      const start = count - 16;
      for (let i = start; i < count; i++) out[i] = this.uniformFloat();
      boxMullerBlock16(out, start);
    }
    return out;
  }
}

/** torch's normal_fill_16 on float32 uniforms in place, each operation rounded to float32 as the C++ does. */
function boxMullerBlock16(data: Float32Array, start: number): void {
  const f = Math.fround;
  for (let j = start; j < start + 8; j++) {
    const u1 = 1 - data[j]; // exact in float32: uniforms are multiples of 2⁻²⁴
    const radius = f(Math.sqrt(f(-2 * f(Math.log(u1)))));
    const theta = f(TWO_PI * data[j + 8]); // computed in double, then stored as float
    data[j] = radius * f(Math.cos(theta));
    data[j + 8] = radius * f(Math.sin(theta));
  }
}
