// Live previews while sampling: A1111's "Approx cheap" method, a fixed linear map from the four
// SD latent channels to RGB, applied to the current x₀ prediction of every image in the batch.
import sharp from "sharp";
import { LATENT_TO_RGB } from "@/lib/pipeline/latent-approximation";

/** Batch of latents [B, 4, h, w] → one PNG data URL with the images side by side, scaled up ×`scale`. */
export async function previewDataUrl(latents: Float32Array, batch: number, h: number, w: number, scale = 4): Promise<string> {
  const plane = h * w;
  const rgb = Buffer.alloc(batch * plane * 3);
  for (let b = 0; b < batch; b++) {
    const base = b * 4 * plane;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        const out = (y * batch * w + b * w + x) * 3;
        for (let c = 0; c < 3; c++) {
          let v = 0;
          for (let l = 0; l < 4; l++) v += latents[base + l * plane + p] * LATENT_TO_RGB[l][c];
          rgb[out + c] = Math.round(255 * Math.min(1, Math.max(0, (v + 1) / 2)));
        }
      }
    }
  }
  const png = await sharp(rgb, { raw: { width: batch * w, height: h, channels: 3 } })
    .resize(batch * w * scale, h * scale, { kernel: "cubic" })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}
