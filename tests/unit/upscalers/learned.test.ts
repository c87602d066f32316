// The learned upscalers converted from UpscalerJS: their registry entries, the per-model tile cap, and the
// quality rule of the real-models issue on a real photograph — the astronaut downscaled ×2 and ×4 (bicubic)
// and restored: RRDN beats Lanczos by ≥ 2 dB PSNR at ×2 and ≥ 1 dB at ×4.
import { describe, expect, it } from "vitest";
import { resizePixels } from "@/lib/images/pixel-image";
import { psnr } from "@/lib/images/psnr";
import type { RgbImage } from "@/lib/images/tensor-image";
import { esrganPass } from "@/lib/upscalers/esrgan";
import { requireUpscaler, upscaleImage } from "@/lib/upscalers/registry";
import { loadPhoto } from "../../photos";

describe("learned upscalers", () => {
  it("carry their own scale and tile cap", () => {
    const rrdn = requireUpscaler("RRDN ×4 (UpscalerJS)");
    expect(rrdn).toMatchObject({ kind: "learned", scale: 4, maxTile: 192 });
    expect(rrdn.modelPath).toMatch(/converted[/\\]rrdn-x4\.onnx$/);
    expect(requireUpscaler("RDN ×8 (UpscalerJS)")).toMatchObject({ scale: 8, maxTile: 48 });
  });

  it("run tiled at their cap whatever the tile setting asks (0 = whole picture)", async () => {
    const photo = await loadPhoto("astronaut.png");
    const img = await resizePixels(photo, 100, 60, "cubic");
    const upscaler = requireUpscaler("RDN ×8 (UpscalerJS)");
    const asked = await upscaleImage(img, 8, upscaler, { tile: 0, overlap: 8 });
    const capped = await upscaleImage(img, 8, upscaler, { tile: 48, overlap: 8 });
    expect([asked.width, asked.height]).toEqual([800, 480]);
    expect(Buffer.compare(asked.data, capped.data)).toBe(0);
    // Really tiled: one untiled pass of the same network differs near the tile seams.
    const whole = await esrganPass(upscaler.modelPath!, img, { tile: 0, overlap: 8 });
    expect(Buffer.compare(whole.data, asked.data)).not.toBe(0);
  }, 120_000);

  for (const [scale, margin] of [[2, 2], [4, 1]] as const) {
    it(`RRDN ×${scale} restores the ×${scale}-downscaled astronaut ≥ ${margin} dB better than Lanczos`, async () => {
      const original = await loadPhoto("astronaut.png");
      const small: RgbImage = await resizePixels(original, 512 / scale, 512 / scale, "cubic");
      const lanczos = await upscaleImage(small, scale, requireUpscaler("Lanczos"));
      const learned = await upscaleImage(small, scale, requireUpscaler(`RRDN ×${scale} (UpscalerJS)`), { tile: 192, overlap: 8 });
      expect([learned.width, learned.height]).toEqual([512, 512]);
      expect(psnr(learned, original) - psnr(lanczos, original)).toBeGreaterThanOrEqual(margin);
    }, 180_000);
  }
});
