// Replicate-padding of latents to a size the UNet's down/up-sampling accepts, and the crop back.
import type { Tensor } from "@/lib/tensor";

export function padLatentToMultiple(x: Tensor, multiple: number): Tensor {
  const [b, c, h, w] = x.shape;
  const ph = Math.ceil(h / multiple) * multiple;
  const pw = Math.ceil(w / multiple) * multiple;
  if (ph === h && pw === w) return x;
  const out = new Float32Array(b * c * ph * pw);
  for (let p = 0; p < b * c; p++) {
    for (let y = 0; y < ph; y++) {
      const src = p * h * w + Math.min(y, h - 1) * w;
      const dst = p * ph * pw + y * pw;
      out.set(x.data.subarray(src, src + w), dst);
      out.fill(x.data[src + w - 1], dst + w, dst + pw);
    }
  }
  return { data: out, shape: [b, c, ph, pw] };
}

export function cropLatent(x: Tensor, h: number, w: number): Tensor {
  const [b, c, ph, pw] = x.shape;
  const out = new Float32Array(b * c * h * w);
  for (let p = 0; p < b * c; p++) {
    for (let y = 0; y < h; y++) out.set(x.data.subarray(p * ph * pw + y * pw, p * ph * pw + y * pw + w), p * h * w + y * w);
  }
  return { data: out, shape: [b, c, h, w] };
}
