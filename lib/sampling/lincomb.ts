/** Σ c_k·v_k element-wise, accumulated in double: the one vector operation every sampler step is. */
export function lincomb(...terms: Array<[number, Float32Array]>): Float32Array {
  const out = new Float32Array(terms[0][1].length);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const [c, v] of terms) sum += c * v[i];
    out[i] = sum;
  }
  return out;
}
