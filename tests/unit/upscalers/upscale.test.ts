// A1111's upscaler sizing (docs/upscalers.md#output-size): destination sides floored to multiples of 8, model passes
// repeated until the picture is big enough, then Lanczos to exactly the destination; latent modes.
import { describe, expect, it } from "vitest";
import type { RgbImage } from "@/lib/images/tensor-image";
import { upscaleLatent } from "@/lib/upscalers/latent-upscale";
import { listUpscalers, requireUpscaler, upscaleDestination, upscaleImage } from "@/lib/upscalers/registry";

const flat = (width: number, height: number, value = 100): RgbImage => ({ width, height, data: new Uint8Array(width * height * 3).fill(value) });

describe("upscaler registry", () => {
  it("lists None, Lanczos, Nearest, then the ESRGAN models by file name, then the learned upscalers from npm", () => {
    const learned = ["RDN", "RRDN"].flatMap((a) => [2, 3, 4, 8].map((s) => `${a} ×${s} (UpscalerJS)`));
    expect(listUpscalers().map((u) => u.name)).toEqual(["None", "Lanczos", "Nearest", "onyx-esrgan-4x", ...learned]);
    expect(() => requireUpscaler("R-ESRGAN 4x+")).toThrow(/unknown upscaler "R-ESRGAN 4x\+"/);
  });

  it("floors destinations to multiples of 8", () => {
    expect(upscaleDestination(101, 67, 2.5)).toEqual({ width: 248, height: 160 }); // 252.5, 167.5
    expect(upscaleDestination(512, 512, 1.33)).toEqual({ width: 680, height: 680 }); // 680.96
    expect(upscaleDestination(64, 48, 4)).toEqual({ width: 256, height: 192 });
  });

  it("lands every upscaler on the destination size", async () => {
    for (const [name, scale, w, h, expected] of [
      ["Lanczos", 2.5, 101, 67, [248, 160]],
      ["Nearest", 2, 30, 21, [56, 40]],
      ["None", 2, 30, 21, [56, 40]],
      ["onyx-esrgan-4x", 2, 30, 21, [56, 40]], // one ×4 pass (120×84), Lanczos down
      ["onyx-esrgan-4x", 8, 10, 6, [80, 48]], // two ×4 passes (160×96), Lanczos down
      ["onyx-esrgan-4x", 4, 16, 12, [64, 48]], // exactly one pass
    ] as const) {
      const out = await upscaleImage(flat(w, h), scale, requireUpscaler(name), { tile: 64, overlap: 8 });
      expect([name, out.width, out.height]).toEqual([name, ...expected]);
    }
  });

  it("keeps a flat picture flat (the fixture's residual is small; Lanczos preserves constants)", async () => {
    const out = await upscaleImage(flat(16, 12, 100), 2, requireUpscaler("Lanczos"));
    expect(out.data.every((v) => v === 100)).toBe(true);
  });
});

describe("latent upscale modes", () => {
  // 1×1×2×2 latent [[0, 1], [2, 3]] to 4×4: torch align_corners=False source coordinate (o + ½)/2 − ½,
  // clamped at 0 for bilinear: rows/cols use 0, 0.25, 0.75, 1 of the way between the two samples.
  const latent = { data: Float32Array.from([0, 1, 2, 3]), shape: [1, 1, 2, 2] };

  it("bilinear matches torch.nn.functional.interpolate", () => {
    const out = upscaleLatent(latent, 4, 4, "Latent");
    const f = [0, 0.25, 0.75, 1];
    const expected = f.flatMap((fy) => f.map((fx) => 2 * fy + fx));
    expect(Array.from(out.data)).toEqual(expected.map((v) => expect.closeTo(v, 6)));
  });

  it("nearest takes floor(o·in/out), nearest-exact floor((o + ½)·in/out)", () => {
    const row = { data: Float32Array.from([10, 20, 30]), shape: [1, 1, 1, 3] };
    expect(Array.from(upscaleLatent(row, 1, 5, "Latent (nearest)").data)).toEqual([10, 10, 20, 20, 30]); // floor of 0, 0.6, 1.2, 1.8, 2.4
    expect(Array.from(upscaleLatent(row, 1, 5, "Latent (nearest-exact)").data)).toEqual([10, 10, 20, 30, 30]); // floor of 0.3, 0.9, 1.5, 2.1, 2.7
  });

  it("bicubic uses torch's A = −0.75 convolution weights and keeps constants", () => {
    const ramp = { data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), shape: [1, 1, 1, 8] };
    const out = upscaleLatent(ramp, 1, 16, "Latent (bicubic)");
    // o = 4: source x = 4.5/2 − ½ = 1.75, so i0 = 1, f = 0.75; weights of samples 0…3 are
    // W(1.75) = −0.03515625, W(0.75) = 0.26171875, W(0.25) = 0.87890625, W(1.25) = −0.10546875
    // → 0.26171875 + 2·0.87890625 − 3·0.10546875 = 1.703125 (A = −0.75 is not exact on ramps; A = −0.5 would give 1.75).
    expect(out.data[4]).toBeCloseTo(1.703125, 6);
    // o = 5: x = 2.25, f = 0.25: samples 1…4 weighted W(1.25), W(0.25), W(0.75), W(1.75) → 2.296875.
    expect(out.data[5]).toBeCloseTo(2.296875, 6);
    const ones = upscaleLatent({ data: new Float32Array(12).fill(1), shape: [1, 1, 3, 4] }, 7, 9, "Latent (bicubic antialiased)");
    expect(Array.from(ones.data).every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
  });

  it("antialiased bilinear averages when shrinking; plain bilinear samples", () => {
    const row = { data: Float32Array.from([0, 4, 8, 12]), shape: [1, 1, 1, 4] };
    // ½×: centre 0.5 → plain: midpoint of 0 and 4 = 2. Antialias: triangle of half-width 2 over
    // i = 0,1,2 at distances 0.5, 0.5, 1.5 → weights 0.75, 0.75, 0.25 → (0 + 3 + 2)/1.75.
    expect(upscaleLatent(row, 1, 2, "Latent").data[0]).toBeCloseTo(2, 6);
    expect(upscaleLatent(row, 1, 2, "Latent (antialiased)").data[0]).toBeCloseTo(5 / 1.75, 6);
  });
});
