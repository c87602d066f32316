// Pixels → latents for img2img and hires fix, and the extra UNet input of inpainting models
// (docs/a1111/generation.md#inpainting): concat(mask at latent size, latent of the masked image), where the
// masked image is lerp(image, image·(1 − mask), weight) with the mask rounded to 0/1 (unless the job's mask
// rounding is off, as Soft Inpainting turns it).
import type { GrayImage } from "@/lib/images/pixel-image";
import { rgbToTensor, type RgbImage } from "@/lib/images/tensor-image";
import type { GraphOptions } from "@/lib/models/graph-options";
import type { StableDiffusionModel } from "@/lib/models/stable-diffusion";
import type { Tensor } from "@/lib/tensor";

/** [B, 3, H, W] in [-1, 1] from same-sized RGB images. */
export function imagesToTensor(images: RgbImage[]): Tensor {
  const one = images.map(rgbToTensor);
  const size = one[0].data.length;
  const data = new Float32Array(images.length * size);
  one.forEach((t, i) => data.set(t.data, i * size));
  return { data, shape: [images.length, 3, images[0].height, images[0].width] };
}

/**
 * The latent of each image: the mean of the VAE posterior. A1111 samples mean + std·ε with torch's global
 * generator, which no seed controls; the mean makes img2img reproducible and std is ~1e-2 of the mean's scale.
 */
export async function encodeToLatent(model: StableDiffusionModel, image: Tensor, graph: GraphOptions): Promise<Tensor> {
  const encoding = await model.encodeImages(image, graph);
  return encoding.kind === "sample" ? encoding.sample : encoding.mean;
}

/** torch.nn.functional.interpolate(mode="nearest") of one mask to [h, w], values in {0, 1}. */
function maskAtLatentSize(mask01: Float32Array, width: number, height: number, h: number, w: number): Float32Array {
  const out = new Float32Array(h * w);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.floor((y * height) / h));
    for (let x = 0; x < w; x++) out[y * w + x] = mask01[sy * width + Math.min(width - 1, Math.floor((x * width) / w))];
  }
  return out;
}

/**
 * [B, 5, h, w] conditioning for a 9-channel UNet. `source` is the batch in [-1, 1]; `mask` (processing size,
 * white = repaint) null means all masked (txt2img: a 0.5-grey source gives A1111's all-masked grey conditioning); `encode` is the job's VAE
 * encoder (job-vae.ts).
 */
export async function inpaintingConditioning(encode: (image: Tensor) => Promise<Tensor>, source: Tensor, mask: GrayImage | null, weight: number, round = true): Promise<Tensor> {
  const [b, , height, width] = source.shape;
  const plane = width * height;
  const mask01 = new Float32Array(plane).fill(1);
  if (mask) for (let i = 0; i < plane; i++) mask01[i] = round ? Math.round(mask.data[i] / 255) : mask.data[i] / 255;
  const masked = new Float32Array(source.data.length);
  for (let i = 0; i < masked.length; i++) masked[i] = source.data[i] * (1 - weight * mask01[i % plane]);
  const latent = await encode({ data: masked, shape: source.shape });
  const [, c, h, w] = latent.shape;
  const small = maskAtLatentSize(mask01, width, height, h, w);
  const out = new Float32Array(b * (c + 1) * h * w);
  for (let i = 0; i < b; i++) {
    out.set(small, i * (c + 1) * h * w);
    out.set(latent.data.subarray(i * c * h * w, (i + 1) * c * h * w), (i * (c + 1) + 1) * h * w);
  }
  return { data: out, shape: [b, c + 1, h, w] };
}
