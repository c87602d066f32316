// Splits a move σ → σ' into a deterministic move to σ_down and fresh noise of size σ_up, so that
// σ_down² + σ_up² = σ'² (docs/samplers.md#k-diffusion-samplers). η scales how much of the move is re-noised.
export function ancestralStep(sigma: number, sigmaNext: number, eta: number): { sigmaDown: number; sigmaUp: number } {
  if (!eta) return { sigmaDown: sigmaNext, sigmaUp: 0 };
  const sigmaUp = Math.min(sigmaNext, eta * Math.sqrt((sigmaNext ** 2 * (sigma ** 2 - sigmaNext ** 2)) / sigma ** 2));
  return { sigmaDown: Math.sqrt(sigmaNext ** 2 - sigmaUp ** 2), sigmaUp };
}
