// The only-masked path works on the mask's box only (the blur over the box grown by the kernel, the crop search
// inside it, the paste-back over the crop): byte for byte what the whole-picture formulas give, checked against
// them written out plainly — random masks and pictures, masks touching the border, kernels wider than the picture.
import { describe, expect, it } from "vitest";
import { maskCropRegion, nonZeroBox, onlyMaskedRegion, overlayOriginal, pasteBack } from "@/lib/images/inpaint-region";
import { blurMask, blurMaskBounded, gaussianKernel } from "@/lib/images/mask-blur";
import type { CropBox, GrayImage } from "@/lib/images/pixel-image";
import { resizeImage } from "@/lib/images/resize-mode";
import type { RgbImage } from "@/lib/images/tensor-image";

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** OpenCV's separable blur over every pixel, reflect-101 at the border, rounded to bytes after each axis. */
function wholeBlur(mask: GrayImage, rx: number, ry: number): GrayImage {
  const axis = (img: GrayImage, r: number, alongX: boolean): GrayImage => {
    const k = gaussianKernel(r);
    const half = (k.length - 1) / 2;
    const n = alongX ? img.width : img.height;
    const reflect = (i: number) => {
      if (n === 1) return 0;
      while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
      return i;
    };
    const out = new Uint8Array(img.data.length);
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        let acc = 0;
        for (let t = 0; t < k.length; t++) {
          const j = reflect((alongX ? x : y) + t - half);
          acc += k[t] * img.data[alongX ? y * img.width + j : j * img.width + x];
        }
        out[y * img.width + x] = Math.min(255, Math.round(acc));
      }
    }
    return { width: img.width, height: img.height, data: out };
  };
  let out = mask;
  if (rx > 0) out = axis(out, rx, true);
  if (ry > 0) out = axis(out, ry, false);
  return out;
}

/** PIL's getbbox by looking at every pixel. */
function wholeBox(mask: GrayImage): CropBox | null {
  let [x1, y1, x2, y2] = [Infinity, Infinity, -1, -1];
  mask.data.forEach((v, i) => {
    if (v === 0) return;
    const [x, y] = [i % mask.width, Math.floor(i / mask.width)];
    [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x + 1), Math.max(y2, y + 1)];
  });
  return x2 < 0 ? null : { x1, y1, x2, y2 };
}

/** A mask of a few random rectangles and scattered grey pixels (some cut by the border), or blank. */
function randomMask(rand: () => number, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  const shapes = Math.floor(rand() * 4);
  for (let s = 0; s < shapes; s++) {
    const [x0, y0] = [Math.floor(rand() * width * 1.2) - width * 0.1, Math.floor(rand() * height * 1.2) - height * 0.1];
    const [w, h] = [1 + Math.floor(rand() * width * 0.4), 1 + Math.floor(rand() * height * 0.4)];
    const value = rand() < 0.5 ? 255 : 1 + Math.floor(rand() * 254);
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) data[y * width + x] = value;
  }
  if (rand() < 0.5) for (let i = 0; i < 3; i++) data[Math.floor(rand() * data.length)] = Math.floor(rand() * 256);
  return { width, height, data };
}

function randomPicture(rand: () => number, width: number, height: number): RgbImage {
  return { width, height, data: Uint8Array.from({ length: width * height * 3 }, () => Math.floor(rand() * 256)) };
}

/** Masks whose non-zero pixels touch each border and corner, and sizes smaller than the kernels. */
function edgeMasks(): GrayImage[] {
  const rect = (width: number, height: number, box: CropBox): GrayImage => {
    const data = new Uint8Array(width * height);
    for (let y = box.y1; y < box.y2; y++) for (let x = box.x1; x < box.x2; x++) data[y * width + x] = 255;
    return { width, height, data };
  };
  return [
    rect(40, 30, { x1: 0, y1: 0, x2: 5, y2: 4 }),
    rect(40, 30, { x1: 35, y1: 26, x2: 40, y2: 30 }),
    rect(40, 30, { x1: 0, y1: 10, x2: 40, y2: 12 }),
    rect(40, 30, { x1: 12, y1: 0, x2: 13, y2: 30 }),
    rect(40, 30, { x1: 0, y1: 0, x2: 40, y2: 30 }),
    rect(1, 9, { x1: 0, y1: 4, x2: 1, y2: 5 }),
    rect(7, 3, { x1: 6, y1: 2, x2: 7, y2: 3 }),
    rect(33, 1, { x1: 30, y1: 0, x2: 33, y2: 1 }),
  ];
}

describe("bounded mask blur and crop search", () => {
  it("blurs byte for byte as the whole-picture blur, and its bounds hold every non-zero pixel", () => {
    const rand = random(19);
    const cases: Array<[GrayImage, number, number]> = edgeMasks().flatMap((m) => [[m, 4, 4], [m, 8, 2], [m, 0, 3], [m, 16, 16]] as Array<[GrayImage, number, number]>);
    for (let i = 0; i < 40; i++) cases.push([randomMask(rand, 8 + Math.floor(rand() * 90), 8 + Math.floor(rand() * 70)), Math.floor(rand() * 12), Math.floor(rand() * 12)]);
    let checked = 0;
    for (const [mask, rx, ry] of cases) {
      if (rx === 0 && ry === 0) continue;
      const reference = wholeBlur(mask, rx, ry);
      const { mask: blurred, bounds } = blurMaskBounded(mask, rx, ry);
      expect(Buffer.from(blurred.data).equals(Buffer.from(reference.data))).toBe(true);
      expect(blurMask(mask, rx, ry).data).toEqual(reference.data);
      const box = wholeBox(reference);
      if (box === null) {
        // Blank (or blurred away to nothing): no bounds only when the mask itself was blank.
        expect(bounds === null).toBe(wholeBox(mask) === null);
      } else {
        expect(bounds).not.toBeNull();
        expect([bounds!.x1 <= box.x1, bounds!.y1 <= box.y1, bounds!.x2 >= box.x2, bounds!.y2 >= box.y2]).toEqual([true, true, true, true]);
        expect(nonZeroBox(reference, bounds!)).toEqual(box);
        expect(onlyMaskedRegion(reference, 7, 64, 48, bounds!)).toEqual(onlyMaskedRegion(reference, 7, 64, 48));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
  });

  it("finds the same box as looking at every pixel", () => {
    const rand = random(7);
    for (const mask of [...edgeMasks(), ...Array.from({ length: 60 }, () => randomMask(rand, 1 + Math.floor(rand() * 60), 1 + Math.floor(rand() * 60)))]) {
      expect(nonZeroBox(mask)).toEqual(wholeBox(mask));
      const box = wholeBox(mask);
      expect(maskCropRegion(mask, 5)).toEqual(box && { x1: Math.max(box.x1 - 5, 0), y1: Math.max(box.y1 - 5, 0), x2: Math.min(box.x2 + 5, mask.width), y2: Math.min(box.y2 + 5, mask.height) });
    }
  });
});

describe("bounded paste-back", () => {
  it("equals pasting into the whole picture and compositing the original over all of it", async () => {
    const rand = random(3);
    for (let i = 0; i < 30; i++) {
      const [width, height] = [4 + Math.floor(rand() * 60), 4 + Math.floor(rand() * 50)];
      const original = randomPicture(rand, width, height);
      // A blurred random mask: 0, 255 and everything between; the box is the crop a job would take (edges included).
      const mask = wholeBlur(randomMask(rand, width, height), 3, 3);
      const box = i % 3 === 0 ? { x1: 0, y1: 0, x2: width, y2: height } : onlyMaskedRegion(mask, Math.floor(rand() * 8), 16, 16) ?? { x1: 1, y1: 2, x2: width, y2: height };
      const processed = randomPicture(rand, 16, 16);

      const fitted = await resizeImage(1, processed, box.x2 - box.x1, box.y2 - box.y1);
      const placed = original.data.slice();
      for (let y = box.y1; y < box.y2; y++) placed.set(fitted.data.subarray((y - box.y1) * fitted.width * 3, (y - box.y1 + 1) * fitted.width * 3), (y * width + box.x1) * 3);
      const reference = Uint8Array.from(original.data, (o, k) => {
        const m = mask.data[Math.floor(k / 3)];
        return Math.round((o * (255 - m) + placed[k] * m) / 255);
      });
      expect(Buffer.from((await pasteBack(original, processed, box, mask)).data).equals(Buffer.from(reference))).toBe(true);
      expect(overlayOriginal(original, { width, height, data: placed }, mask).data).toEqual(reference);
    }
  });
});
