// Brownian increments without torchsde's Brownian tree (docs/samplers.md#brownian-noise), built from i.i.d. draws of
// a NoiseSource: disjoint intervals get independent N(0, I) (exactly the tree's distribution); a
// query that extends the previous one from the same start (DPM++ SDE's σ_i → σ_s, then σ_i → σ_{i+1})
// reuses the earlier increment, W(σ_i→σ') = W(σ_i→σ_s) + W(σ_s→σ'), normalised by √|σ' − σ_i|.
import type { BrownianNoise, NoiseSource } from "@/lib/sampling/types";

export function brownianSubstitute(noise: NoiseSource): BrownianNoise {
  let last: { from: number; to: number; z: Float32Array } | null = null;
  return (from, to) => {
    const l1 = last ? Math.abs(last.to - from) : 0;
    const l2 = Math.abs(to - from) - l1;
    const extendsLast = last !== null && last.from === from && Math.sign(last.to - from) === Math.sign(to - from) && l2 > 0;
    const fresh = noise.next();
    if (!extendsLast || !last) {
      last = { from, to, z: fresh };
      return fresh;
    }
    const z1 = last.z;
    const scale = 1 / Math.sqrt(l1 + l2);
    const a = Math.sqrt(l1) * scale;
    const b = Math.sqrt(l2) * scale;
    last = null;
    return fresh.map((z2, i) => a * z1[i] + b * z2);
  };
}
