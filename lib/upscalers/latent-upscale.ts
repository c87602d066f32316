// Hires fix's latent upscalers (docs/upscalers.md#latent-upscale-modes, docs/a1111/generation.md#hires-fix): torch.nn.functional.interpolate of the
// [B, C, h, w] latent to a new size with align_corners=False — bilinear, bicubic (A = −0.75, edge clamp),
// nearest (floor(o·in/out)) and nearest-exact (floor((o + ½)·in/out)). "Antialiased" only differs when
// shrinking: the filter is then stretched by in/out and renormalised (torch's antialias=True).
import type { Tensor } from "@/lib/tensor";

export const LATENT_UPSCALE_MODES = {
  Latent: { mode: "bilinear", antialias: false },
  "Latent (antialiased)": { mode: "bilinear", antialias: true },
  "Latent (bicubic)": { mode: "bicubic", antialias: false },
  "Latent (bicubic antialiased)": { mode: "bicubic", antialias: true },
  "Latent (nearest)": { mode: "nearest", antialias: false },
  "Latent (nearest-exact)": { mode: "nearest-exact", antialias: false },
} as const;

export type LatentUpscaleMode = keyof typeof LATENT_UPSCALE_MODES;
type Interpolation = (typeof LATENT_UPSCALE_MODES)[LatentUpscaleMode]["mode"];

export function isLatentUpscaleMode(name: string): name is LatentUpscaleMode {
  return Object.hasOwn(LATENT_UPSCALE_MODES, name);
}

function cubic(x: number): number {
  const a = -0.75;
  const t = Math.abs(x);
  if (t <= 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0;
}

/** Per output index: the input indices and weights along one axis. */
function axisWeights(inSize: number, outSize: number, mode: Interpolation, antialias: boolean): Array<{ idx: number[]; w: number[] }> {
  const scale = inSize / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    if (mode === "nearest" || mode === "nearest-exact") {
      const src = mode === "nearest" ? Math.floor(o * scale) : Math.floor((o + 0.5) * scale);
      return { idx: [Math.min(src, inSize - 1)], w: [1] };
    }
    const center = (o + 0.5) * scale - 0.5;
    if (antialias && scale > 1) {
      const filter = mode === "bilinear" ? (x: number) => Math.max(0, 1 - Math.abs(x)) : cubic;
      const support = (mode === "bilinear" ? 1 : 2) * scale;
      const idx: number[] = [];
      const w: number[] = [];
      for (let i = Math.floor(center - support) + 1; i <= Math.ceil(center + support); i++) {
        if (i < 0 || i >= inSize) continue;
        const weight = filter((i - center) / scale);
        if (weight !== 0) idx.push(i), w.push(weight);
      }
      const sum = w.reduce((a, b) => a + b, 0);
      return { idx, w: w.map((v) => v / sum) };
    }
    const clampIdx = (i: number) => Math.min(Math.max(i, 0), inSize - 1);
    if (mode === "bilinear") {
      const src = Math.max(center, 0);
      const i0 = Math.floor(src);
      const f = src - i0;
      return { idx: [clampIdx(i0), clampIdx(i0 + 1)], w: [1 - f, f] };
    }
    const i0 = Math.floor(center);
    const f = center - i0;
    return { idx: [-1, 0, 1, 2].map((k) => clampIdx(i0 + k)), w: [cubic(1 + f), cubic(f), cubic(1 - f), cubic(2 - f)] };
  });
}

export function upscaleLatent(latent: Tensor, height: number, width: number, name: LatentUpscaleMode): Tensor {
  const { mode, antialias } = LATENT_UPSCALE_MODES[name];
  const [b, c, h, w] = latent.shape;
  const rows = axisWeights(h, height, mode, antialias);
  const cols = axisWeights(w, width, mode, antialias);
  const out = new Float32Array(b * c * height * width);
  const tmp = new Float32Array(h * width);
  for (let p = 0; p < b * c; p++) {
    const src = latent.data.subarray(p * h * w, (p + 1) * h * w);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < width; x++) {
        const { idx, w: wt } = cols[x];
        let acc = 0;
        for (let k = 0; k < idx.length; k++) acc += wt[k] * src[y * w + idx[k]];
        tmp[y * width + x] = acc;
      }
    }
    const dst = out.subarray(p * height * width, (p + 1) * height * width);
    for (let y = 0; y < height; y++) {
      const { idx, w: wt } = rows[y];
      for (let x = 0; x < width; x++) {
        let acc = 0;
        for (let k = 0; k < idx.length; k++) acc += wt[k] * tmp[idx[k] * width + x];
        dst[y * width + x] = acc;
      }
    }
  }
  return { data: out, shape: [b, c, height, width] };
}
