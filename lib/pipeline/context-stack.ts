// Text conditionings of one UNet call share one [N, tokens, dim] tensor (docs/samplers.md#classifier-free-guidance):
// A1111 stacks entries of unequal length by repeating each one's last token vector, or — with "pad
// prompt/negative prompt" — by appending empty-prompt chunks first. Tiled Diffusion's regions build their
// batches the same way.
import type { TextConditioning } from "@/lib/pipeline/conditioning-schedule";
import type { Tensor } from "@/lib/tensor";

/** Repeats the last token vector until the conditioning has `tokens` tokens (A1111's stacking rule). */
function padTokens(c: TextConditioning, tokens: number): Float32Array {
  if (c.tokens === tokens) return c.data;
  const out = new Float32Array(tokens * c.dim);
  out.set(c.data);
  const last = c.data.subarray((c.tokens - 1) * c.dim, c.tokens * c.dim);
  for (let t = c.tokens; t < tokens; t++) out.set(last, t * c.dim);
  return out;
}

/** The UNet's context input [N, tokens, dim]; `tokens` defaults to the longest entry. */
export function stackConditioning(conds: readonly TextConditioning[], tokens = Math.max(...conds.map((c) => c.tokens))): Tensor {
  const dim = conds[0].dim;
  const data = new Float32Array(conds.length * tokens * dim);
  conds.forEach((c, i) => data.set(padTokens(c, tokens), i * tokens * dim));
  return { data, shape: [conds.length, tokens, dim] };
}

/** Appends copies of `empty` until `c` has `tokens` tokens (a multiple of 77). */
export function padWithEmptyChunks(c: TextConditioning, empty: TextConditioning, tokens: number): TextConditioning {
  if (c.tokens >= tokens) return c;
  const data = new Float32Array(tokens * c.dim);
  data.set(c.data);
  for (let t = c.tokens; t < tokens; t += empty.tokens) data.set(empty.data, t * c.dim);
  return { data, tokens, dim: c.dim };
}
