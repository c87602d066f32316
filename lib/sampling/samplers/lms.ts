// Linear multistep (order 4): x_{i+1} = x_i + Σ_j c_j d_{i−j}, c_j = ∫_{σ_i}^{σ_{i+1}} ℓ_j(τ) dτ with ℓ_j
// the Lagrange basis on the last p nodes σ_i … σ_{i−p+1}.
import { derivative } from "@/lib/sampling/parameterization";
import { lincomb } from "@/lib/sampling/lincomb";
import type { KSampler } from "@/lib/sampling/types";

// 4-point Gauss–Legendre: exact for the ≤ cubic Lagrange polynomials of order ≤ 4.
const GAUSS_NODES = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GAUSS_WEIGHTS = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];

/** ∫ from σ_i to σ_{i+1} of the basis polynomial that is 1 at node σ_{i−j}. */
export function lmsCoefficient(sigmas: number[], i: number, j: number, order: number): number {
  const basis = (tau: number) => {
    let product = 1;
    for (let k = 0; k < order; k++) if (k !== j) product *= (tau - sigmas[i - k]) / (sigmas[i - j] - sigmas[i - k]);
    return product;
  };
  const a = sigmas[i];
  const b = sigmas[i + 1];
  const half = (b - a) / 2;
  return GAUSS_NODES.reduce((sum, node, k) => sum + GAUSS_WEIGHTS[k] * basis(a + half * (node + 1)), 0) * half;
}

export const sampleLms: KSampler = async (model, x, sigmas, o) => {
  const maxOrder = 4;
  const ds: Float32Array[] = []; // newest first
  for (let i = 0; i < sigmas.length - 1; i++) {
    const denoised = await model.denoise(x, sigmas[i]);
    ds.unshift(derivative(x, denoised, sigmas[i]));
    if (ds.length > maxOrder) ds.pop();
    o.onStep?.({ i, x, denoised, sigma: sigmas[i] });
    const order = Math.min(i + 1, maxOrder);
    x = lincomb([1, x], ...ds.map((d, j): [number, Float32Array] => [lmsCoefficient(sigmas, i, j, order), d]));
  }
  return x;
};
