// Tiling: with context ≥ the network's receptive radius, tile-by-tile output equals the whole-image
// output; without context the tile borders show. Checked on an analytic network and on the fixture ESRGAN.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { onyxPaths } from "@/lib/config";
import type { RgbImage } from "@/lib/images/tensor-image";
import { ESRGAN_RECEPTIVE_RADIUS } from "@/lib/onnx/fixtures/esrgan";
import type { Tensor } from "@/lib/tensor";
import { esrganPass } from "@/lib/upscalers/esrgan";
import { JobInterrupted } from "@/lib/job-interrupted";
import { runTiled } from "@/lib/upscalers/tiled-model";

/** Deterministic test picture with structure at every scale. */
function testImage(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 7 + y * 3) % 256;
      data[i + 1] = Math.round(127.5 + 127.5 * Math.sin(x / 5) * Math.cos(y / 7));
      data[i + 2] = ((x ^ y) * 13) % 256;
    }
  }
  return { width, height, data };
}

/** A 3×3 box blur (edge-clamped) followed by nearest ×2: receptive radius 1, exactly known output. */
async function blurTimesTwo(input: Tensor): Promise<Tensor> {
  const [, c, h, w] = input.shape;
  const out = new Float32Array(c * 4 * h * w);
  for (let ch = 0; ch < c; ch++) {
    for (let y = 0; y < 2 * h; y++) {
      for (let x = 0; x < 2 * w; x++) {
        const sy = y >> 1;
        const sx = x >> 1;
        let acc = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = Math.min(h - 1, Math.max(0, sy + dy));
            const xx = Math.min(w - 1, Math.max(0, sx + dx));
            acc += input.data[ch * h * w + yy * w + xx];
          }
        }
        out[ch * 4 * h * w + y * 2 * w + x] = acc / 9;
      }
    }
  }
  return { data: out, shape: [1, c, 2 * h, 2 * w] };
}

function maxByteDiff(a: RgbImage, b: RgbImage): number {
  let max = 0;
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
  return max;
}

describe("runTiled", () => {
  const img = testImage(37, 29);

  it("equals the whole-image result when the context covers the receptive field", async () => {
    const whole = await runTiled(img, blurTimesTwo, { tile: 0, overlap: 0 });
    const tiled = await runTiled(img, blurTimesTwo, { tile: 8, overlap: 1 });
    expect([tiled.width, tiled.height]).toEqual([74, 58]);
    expect(Buffer.from(tiled.data).equals(Buffer.from(whole.data))).toBe(true);
  });

  it("shows the seams without context", async () => {
    const whole = await runTiled(img, blurTimesTwo, { tile: 0, overlap: 0 });
    const seams = await runTiled(img, blurTimesTwo, { tile: 8, overlap: 0 });
    expect(maxByteDiff(seams, whole)).toBeGreaterThan(10);
  });

  it("feeds each tile its core plus the context, clipped at the picture edge", async () => {
    const shapes: string[] = [];
    await runTiled(img, async (t) => (shapes.push(t.shape.slice(2).join("x")), blurTimesTwo(t)), { tile: 16, overlap: 4 });
    // Heights: rows 0–16 get 4 below → 20; rows 16–29 get 4 above → 17. Widths: 0–16 → 20, 16–32 → 24, 32–37 → 4 + 5 = 9.
    expect(shapes).toEqual(["20x20", "20x24", "20x9", "17x20", "17x24", "17x9"]);
  });

  it("reports each finished tile with the pass's tile count", async () => {
    const reports: string[] = [];
    await runTiled(img, blurTimesTwo, { tile: 16, overlap: 4, onTile: (done, total) => reports.push(`${done}/${total}`) });
    expect(reports).toEqual(["1/6", "2/6", "3/6", "4/6", "5/6", "6/6"]);
  });

  it("stops between tiles when interrupted", async () => {
    let calls = 0;
    const run = runTiled(img, async (t) => (calls++, blurTimesTwo(t)), { tile: 8, overlap: 1, isInterrupted: () => calls >= 2 });
    await expect(run).rejects.toBeInstanceOf(JobInterrupted);
    expect(calls).toBe(2);
  });
});

describe("fixture ESRGAN", () => {
  const model = path.join(onyxPaths().models, "ESRGAN", "onyx-esrgan-4x.onnx");

  it("is ×4 and tiled output equals untiled output within 1e-3 (≤ 1 byte after rounding)", async () => {
    const img = testImage(70, 50);
    const whole = await esrganPass(model, img, { tile: 0, overlap: 0 });
    const tiled = await esrganPass(model, img, { tile: 24, overlap: 8 });
    expect([whole.width, whole.height]).toEqual([280, 200]);
    expect(8).toBeGreaterThanOrEqual(ESRGAN_RECEPTIVE_RADIUS);
    // Float outputs within 1e-3 can only round to bytes 1 apart; almost all round the same.
    expect(maxByteDiff(tiled, whole)).toBeLessThanOrEqual(1);
    const differing = tiled.data.filter((v, i) => v !== whole.data[i]).length;
    expect(differing / tiled.data.length).toBeLessThan(0.001);
    // Without context the borders are visibly wrong, so the comparison above has teeth.
    const seams = await esrganPass(model, img, { tile: 24, overlap: 0 });
    expect(maxByteDiff(seams, whole)).toBeGreaterThan(3);
  });
});
