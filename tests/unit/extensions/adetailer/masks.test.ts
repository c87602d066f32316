// ADetailer's mask operations (docs/adetailer.md#masks) against the results OpenCV and PIL give on the spec's cases:
// dilate 3 and 4, erode 4 (cv2.dilate / cv2.erode with np.ones((k, k)), one iteration), ImageChops.offset's
// wrap-around, PIL's rectangle fill of a float box, and the merge modes.
import { describe, expect, it } from "vitest";
import { boxMask, dilateErode, masksTouching, mergeMasks, offsetMask, preprocessMasks } from "@/extensions/adetailer/masks";

const W = 9;
const H = 9;

/** A mask with the rectangle x1…x2, y1…y2 (inclusive) set. */
function rect(x1: number, y1: number, x2: number, y2: number, w = W, h = H): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let y = y1; y <= y2; y++) for (let x = x1; x <= x2; x++) m[y * w + x] = 255;
  return m;
}

/** The set pixels' bounding box [x1, y1, x2, y2] (inclusive), null when empty. */
function bounds(m: Uint8Array, w = W): number[] | null {
  let b: number[] | null = null;
  m.forEach((v, i) => {
    if (!v) return;
    const [x, y] = [i % w, Math.floor(i / w)];
    b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
  });
  return b;
}

describe("dilateErode", () => {
  it("dilate 3 turns a 3×3 square into a 5×5 one (1 px each side)", () => {
    const out = dilateErode(rect(3, 3, 5, 5), W, H, 3);
    expect(out).toEqual(rect(2, 2, 6, 6));
  });

  it("dilate 4 grows 1 px up/left and 2 px down/right (OpenCV's anchor at k/2)", () => {
    expect(dilateErode(rect(3, 3, 5, 5), W, H, 4)).toEqual(rect(2, 2, 7, 7));
  });

  it("erode 4 shrinks 2 px from the top/left and 1 px from the bottom/right", () => {
    expect(dilateErode(rect(1, 1, 7, 7), W, H, -4)).toEqual(rect(3, 3, 6, 6));
  });

  it("erode larger than the mask empties it; 0 returns an equal copy", () => {
    expect(bounds(dilateErode(rect(3, 3, 5, 5), W, H, -4))).toBeNull();
    const m = rect(3, 3, 5, 5);
    const same = dilateErode(m, W, H, 0);
    expect(same).toEqual(m);
    expect(same).not.toBe(m);
  });

  it("dilation stops at the picture's edges", () => {
    expect(dilateErode(rect(0, 0, 1, 1), W, H, 4)).toEqual(rect(0, 0, 3, 3));
  });
});

describe("offsetMask", () => {
  it("moves right and down by (dx, dy)", () => {
    expect(offsetMask(rect(1, 1, 2, 2), W, H, 3, 2)).toEqual(rect(4, 3, 5, 4));
  });

  it("wraps around: what leaves the right edge comes back on the left, the bottom on the top (ImageChops.offset)", () => {
    const out = offsetMask(rect(6, 7, 7, 8), W, H, 2, 1);
    const expected = new Uint8Array(W * H);
    for (const [x, y] of [[8, 8], [0, 8], [8, 0], [0, 0]]) expected[y * W + x] = 255;
    expect(out).toEqual(expected);
    // Negative offsets wrap the other way.
    expect(offsetMask(rect(0, 0, 0, 0), W, H, -1, -2)).toEqual(rect(8, 7, 8, 7));
  });

  it("ADetailer's y offset points up: preprocessMasks shifts by −y", () => {
    const [out] = preprocessMasks([rect(3, 4, 4, 5)], W, H, { dilateErode: 0, xOffset: 1, yOffset: 2, merge: "None" });
    expect(out).toEqual(rect(4, 2, 5, 3));
  });
});

describe("mergeMasks", () => {
  const a = rect(0, 0, 1, 1);
  const b = rect(5, 5, 6, 6);

  it("None keeps the masks as they are", () => {
    expect(mergeMasks([a, b], "None")).toEqual([a, b]);
  });

  it("Merge is the union, one mask", () => {
    const [u, ...rest] = mergeMasks([a, b], "Merge");
    expect(rest).toEqual([]);
    expect(u).toEqual(a.map((v, i) => v | b[i]));
  });

  it("Merge and Invert paints everything but the detections", () => {
    const [inv] = mergeMasks([a, b], "Merge and Invert");
    expect(inv).toEqual(a.map((v, i) => 255 - (v | b[i])));
  });

  it("no masks stay no masks in every mode", () => {
    for (const mode of ["None", "Merge", "Merge and Invert"] as const) expect(mergeMasks([], mode)).toEqual([]);
  });
});

describe("the preprocessing order and the helpers", () => {
  it("masks emptied by erosion are dropped before the merge", () => {
    const out = preprocessMasks([rect(1, 1, 2, 2), rect(3, 3, 8, 8)], W, H, { dilateErode: -4, xOffset: 0, yOffset: 0, merge: "None" });
    // Outside the picture counts as set for an erosion (OpenCV's border), so the edge at 8 stays.
    expect(out).toEqual([rect(5, 5, 8, 8)]);
  });

  it("the offset comes before the dilation (a mask moved to the edge is not dilated across it)", () => {
    const [out] = preprocessMasks([rect(4, 4, 4, 4)], W, H, { dilateErode: 3, xOffset: 4, yOffset: 0, merge: "None" });
    // Moved to x = 8, then dilated: x 7…8 (the wrap is only part of the offset, not of the dilation).
    expect(bounds(out)).toEqual([7, 3, 8, 5]);
  });

  it("a float box fills as PIL's rectangle: corners truncated, both edges inclusive, clipped", () => {
    expect(boxMask([1.7, 2.2, 3.9, 4.5], W, H)).toEqual(rect(1, 2, 3, 4));
    expect(boxMask([-3, -1, 20, 4], W, H)).toEqual(rect(0, 0, 8, 4));
  });

  it("whole-picture inpainting keeps only the masks touching the user's mask", () => {
    const user = rect(5, 5, 5, 5);
    const a = rect(0, 0, 2, 2);
    const b = rect(4, 4, 6, 6);
    expect(masksTouching([a, b], user)).toEqual([b]);
  });
});
