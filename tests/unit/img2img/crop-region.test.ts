// A1111's only-masked crop arithmetic (get_crop_region_v2 + expand_crop_region), derived by hand, and the
// blur that decides the box (OpenCV semantics: a hard edge grows by 10 / 20 / 39 px for r = 4 / 8 / 16).
import { describe, expect, it } from "vitest";
import { expandCropRegion, maskCropRegion, onlyMaskedRegion } from "@/lib/images/inpaint-region";
import { blurMask, gaussianKernel } from "@/lib/images/mask-blur";
import type { GrayImage } from "@/lib/images/pixel-image";

function rectMask(width: number, height: number, x1: number, y1: number, x2: number, y2: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) data[y * width + x] = 255;
  return { width, height, data };
}

describe("maskCropRegion (getbbox ± padding, clamped)", () => {
  it("is the exclusive bounding box of non-zero pixels", () => {
    expect(maskCropRegion(rectMask(100, 80, 10, 20, 30, 50))).toEqual({ x1: 10, y1: 20, x2: 30, y2: 50 });
  });
  it("grows by the padding and clamps to the image", () => {
    expect(maskCropRegion(rectMask(100, 80, 10, 20, 30, 50), 16)).toEqual({ x1: 0, y1: 4, x2: 46, y2: 66 });
    expect(maskCropRegion(rectMask(100, 80, 90, 70, 100, 80), 32)).toEqual({ x1: 58, y1: 38, x2: 100, y2: 80 });
  });
  it("is null for a blank mask", () => {
    expect(maskCropRegion(rectMask(10, 10, 0, 0, 0, 0), 8)).toBeNull();
  });
});

describe("expandCropRegion (to the processing aspect ratio)", () => {
  it("grows the height of a wide box, half above and the rest below", () => {
    // 40×20 box, 512×512 processing: desired height 40 → diff 20 → y1 − 10, y2 + 10.
    expect(expandCropRegion({ x1: 10, y1: 30, x2: 50, y2: 50 }, 512, 512, 100, 100)).toEqual({ x1: 10, y1: 20, x2: 50, y2: 60 });
  });
  it("grows the width of a tall box; an odd difference puts the extra pixel after", () => {
    // 21×40 box, square: diff int(40 − 21) = 19 → x1 − 9, x2 + 10.
    expect(expandCropRegion({ x1: 40, y1: 10, x2: 61, y2: 50 }, 64, 64, 200, 100)).toEqual({ x1: 31, y1: 10, x2: 71, y2: 50 });
  });
  it("shifts a box that would leave the image back inside", () => {
    // 10×40 box at the right edge, square: diff 30 → x 75..115 → shifted left by 15 → 60..100.
    expect(expandCropRegion({ x1: 90, y1: 0, x2: 100, y2: 40 }, 512, 512, 100, 100)).toEqual({ x1: 60, y1: 0, x2: 100, y2: 40 });
    // At the left edge: x −15..25 → shifted right by 15 → 0..40.
    expect(expandCropRegion({ x1: 0, y1: 0, x2: 10, y2: 40 }, 512, 512, 100, 100)).toEqual({ x1: 0, y1: 0, x2: 40, y2: 40 });
  });
  it("clamps when the image is too small for the ratio", () => {
    // 80×20 box in an 80×30 image, square: diff 60 → y −20..70 → clamps to 0..30.
    expect(expandCropRegion({ x1: 0, y1: 5, x2: 80, y2: 25 }, 512, 512, 80, 30)).toEqual({ x1: 0, y1: 0, x2: 80, y2: 30 });
  });
  it("uses truncation of a fractional desired size (3:2 processing)", () => {
    // 30×30 box, 768×512: ratio 1 < 1.5 → desired width 45 → diff 15 → x1 − 7, x2 + 8.
    expect(expandCropRegion({ x1: 50, y1: 50, x2: 80, y2: 80 }, 768, 512, 200, 200)).toEqual({ x1: 43, y1: 50, x2: 88, y2: 80 });
    // 31×31 box: desired width 46.5 → diff int(15.5) = 15.
    expect(expandCropRegion({ x1: 50, y1: 50, x2: 81, y2: 81 }, 768, 512, 200, 200)).toEqual({ x1: 43, y1: 50, x2: 89, y2: 81 });
  });
});

describe("mask blur and the resulting region", () => {
  it("uses OpenCV's kernel width 2·int(2.5r + 0.5) + 1", () => {
    expect([4, 8, 16, 1].map((r) => gaussianKernel(r).length)).toEqual([21, 41, 81, 7]);
    expect(gaussianKernel(4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("grows a large hard-edged box by 10 / 20 / 39 px per side for r = 4 / 8 / 16", () => {
    // At distance d outside the edge the blur is 255·Σ_{j=d..half} w(j); it rounds to ≥ 1 up to d = 10 (r = 4:
    // 255·w(10) = 1.12), 20 (r = 8: 0.56) and 39 (r = 16: 255·(w(39) + w(40)) = 0.61, while 255·w(40) = 0.28).
    for (const [r, grow] of [[4, 10], [8, 20], [16, 39]]) {
      const box = maskCropRegion(blurMask(rectMask(400, 400, 140, 150, 260, 250), r));
      expect([r, box]).toEqual([r, { x1: 140 - grow, y1: 150 - grow, x2: 260 + grow, y2: 250 + grow }]);
    }
  });

  it("onlyMaskedRegion = blurred bbox + padding, then the aspect ratio", () => {
    // Rect 100..120 × 100..110 blurred by 4 → 90..130 × 90..120; padding 8 → 82..138 × 82..128 (56×46);
    // square → diff 10 → y 77..133.
    const blurred = blurMask(rectMask(256, 256, 100, 100, 120, 110), 4);
    expect(onlyMaskedRegion(blurred, 8, 512, 512)).toEqual({ x1: 82, y1: 77, x2: 138, y2: 133 });
  });
});
