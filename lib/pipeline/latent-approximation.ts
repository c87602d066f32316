// A1111's "Approx cheap" latent → RGB: a fixed linear map from the four SD latent channels to RGB. Live
// previews show it; Tiled VAE returns it, upscaled, when a job is interrupted between tiles.
import type { Tensor } from "@/lib/tensor";

/** Rows: latent channels; columns: R, G, B (A1111 sd_vae_approx.cheap_approximation for SD 1.x/2.x). */
export const LATENT_TO_RGB = [
  [0.298, 0.207, 0.208],
  [0.187, 0.286, 0.173],
  [-0.158, 0.189, 0.264],
  [-0.184, -0.271, -0.473],
];

/** Scaled latent [B, 4, h, w] → image [B, 3, h·scale, w·scale] in [-1, 1], each latent pixel repeated (nearest). */
export function cheapApproximation(latent: Tensor, scale = 8): Tensor {
  const [b, , h, w] = latent.shape;
  const [oh, ow] = [h * scale, w * scale];
  const out = new Float32Array(b * 3 * oh * ow);
  for (let i = 0; i < b; i++) {
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < oh; y++) {
        for (let x = 0; x < ow; x++) {
          const p = Math.floor(y / scale) * w + Math.floor(x / scale);
          let v = 0;
          for (let l = 0; l < 4; l++) v += latent.data[(i * 4 + l) * h * w + p] * LATENT_TO_RGB[l][c];
          out[((i * 3 + c) * oh + y) * ow + x] = Math.min(1, Math.max(-1, v));
        }
      }
    }
  }
  return { data: out, shape: [b, 3, oh, ow] };
}
