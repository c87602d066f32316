// Extras benchmark: an 8-megapixel upscale with the fixture ESRGAN (724×724 ×4 → 2896×2896 = 8.39 MP; one
// model pass lands exactly on the destination, so no Lanczos step), next to a 2.1 MP one (362×362 ×4 →
// 1448×1448). Peak RSS above the pre-run baseline (this process and the inference process) is sampled during each run: with tiling it should stay
// near the tile's working set plus the 8-bit pictures (3 bytes per output pixel), not grow with the
// float activations of the whole image. Run order is small first, so the large run cannot ride on it.
import { performance } from "node:perf_hooks";
import { extrasParamsSchema, postprocessUpscale } from "@/lib/pipeline/extras";
import { encodeResultImage } from "@/lib/pipeline/result-images";
import type { RgbImage } from "@/lib/images/tensor-image";
import { measurePeak } from "./peak-memory";

const TILE = 192;
const OVERLAP = 8;

function picture(side: number): RgbImage {
  const data = new Uint8Array(side * side * 3);
  for (let i = 0; i < side * side; i++) data.set([(i * 7) % 256, (i >> 3) % 256, 128], i * 3);
  return { width: side, height: side, data };
}

async function measure(side: number): Promise<{ seconds: number; peakRssMb: number; outputMp: number }> {
  const img = picture(side);
  const params = extrasParamsSchema.parse({ images: [{ data: new Uint8Array(1) }], upscaler1: "onyx-esrgan-4x", upscalingResize: 4 });
  global.gc?.();
  const start = performance.now();
  const { result: image, peakAboveIdle } = await measurePeak(async () => {
    const { image } = await postprocessUpscale(img, params, { tile: TILE, overlap: OVERLAP });
    await encodeResultImage(image, null);
    return image;
  });
  const seconds = (performance.now() - start) / 1000;
  return { seconds, peakRssMb: peakAboveIdle / 2 ** 20, outputMp: (image.width * image.height) / 1e6 };
}

export async function benchExtras(): Promise<Record<string, number>> {
  // Warm-up at more than one tile: opens the session and lets onnxruntime size its arena for a full tile.
  await measure(TILE + 2 * OVERLAP);
  const small = await measure(362);
  const large = await measure(724);
  return {
    tile_px: TILE,
    tile_overlap_px: OVERLAP,
    small_output_mp: small.outputMp,
    small_seconds: small.seconds,
    small_peak_rss_above_baseline_mb: small.peakRssMb,
    large_output_mp: large.outputMp,
    large_seconds: large.seconds,
    large_peak_rss_above_baseline_mb: large.peakRssMb,
    // What the large picture itself needs as 8-bit RGB, input + output: the part that must grow with size.
    large_pictures_8bit_mb: ((724 * 724 + 2896 * 2896) * 3) / 2 ** 20,
    // The float32 activations of the fixture's 16 features at 4× for the whole picture, which tiling avoids.
    large_untiled_activation_mb: (2896 * 2896 * 16 * 4) / 2 ** 20,
  };
}
