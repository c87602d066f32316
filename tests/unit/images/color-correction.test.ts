// img2img colour correction: OpenCV's 8-bit Lab, scikit-image's histogram matching and the
// luminosity blend, then in a real img2img job on the fixture model.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { applyColorCorrection, colorCorrectionTarget, lab8ToRgb, rgbToLab8 } from "@/lib/images/color-correction";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";

useTempJobFolders("color-correction");

describe("8-bit Lab", () => {
  it("gives OpenCV's values for white, black, grey and the primaries (L·255/100, a+128, b+128)", () => {
    const lab = rgbToLab8(new Uint8Array([255, 255, 255, 0, 0, 0, 128, 128, 128, 255, 0, 0, 0, 255, 0, 0, 0, 255]));
    expect(Array.from(lab)).toEqual([255, 128, 128, 0, 128, 128, 137, 128, 128, 136, 208, 195, 224, 42, 211, 82, 207, 20]);
  });

  it("converts back within the 8-bit quantisation of Lab (a few steps; saturated yellows clip b* as in OpenCV)", () => {
    const rgb = new Uint8Array(Array.from({ length: 300 }, (_, i) => 40 + ((i * 37) % 176)));
    const back = lab8ToRgb(rgbToLab8(rgb));
    for (let i = 0; i < rgb.length; i++) expect(Math.abs(back[i] - rgb[i])).toBeLessThanOrEqual(5);
  });
});

describe("applyColorCorrection", () => {
  const image = (pixels: number[][]) => ({ width: pixels.length, height: 1, data: new Uint8Array(pixels.flat()) });

  it("leaves an image matched to itself (nearly) as it is", () => {
    const img = image(Array.from({ length: 64 }, (_, i) => [i * 4, 255 - i * 3, (i * 9) % 256]));
    const out = applyColorCorrection(colorCorrectionTarget(img), img);
    for (let i = 0; i < img.data.length; i++) expect(Math.abs(out.data[i] - img.data[i])).toBeLessThanOrEqual(5);
  });

  it("takes hue and saturation from the target and keeps the result's luminosity", () => {
    const target = image(Array.from({ length: 16 }, () => [40, 80, 200]));
    const result = image(Array.from({ length: 16 }, () => [200, 120, 60]));
    const out = applyColorCorrection(colorCorrectionTarget(target), result);
    const [r, g, b] = out.data;
    expect(b).toBeGreaterThan(r); // now bluish, like the target
    const lum = (x: number, y: number, z: number) => 0.3 * x + 0.59 * y + 0.11 * z;
    expect(Math.abs(lum(r, g, b) - lum(200, 120, 60))).toBeLessThan(2);
  });
});

describe("img2img with the colour correction setting", () => {
  it("moves the result's colours toward the init image's", async () => {
    const init = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#2050e0" } }).png().toBuffer();
    const run = async (correct: boolean) => {
      const params = img2imgParamsSchema.parse({ initImages: [init], prompt: "a lake", width: 64, height: 64, seed: 11, steps: 4, samplerName: "Euler", denoisingStrength: 0.9, saveImages: false, overrideSettings: { img2img_color_correction: correct } });
      const { data } = await sharp((await runImg2img(params, new JobProgress("cc"))).images[0].png).raw().toBuffer({ resolveWithObject: true });
      let blueMinusRed = 0;
      for (let i = 0; i < data.length; i += 3) blueMinusRed += data[i + 2] - data[i];
      return blueMinusRed / (data.length / 3);
    };
    const plain = await run(false);
    const corrected = await run(true);
    // The init is strongly blue (B − R = 192): the corrected result is much closer to it.
    expect(Math.abs(192 - corrected)).toBeLessThan(Math.abs(192 - plain));
    expect(corrected).toBeGreaterThan(60);
  });
});
