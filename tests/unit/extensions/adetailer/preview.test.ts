// ADetailer's detection preview (docs/adetailer.md#preview): each box outlined in red, 2 px inside its edges,
// clipped to the picture; the picture itself is not changed.
import { describe, expect, it } from "vitest";
import { previewWithBoxes } from "@/extensions/adetailer/preview";

describe("previewWithBoxes", () => {
  it("outlines the box's edge pixels (2 px) and nothing else; the input stays as it was", () => {
    const image = { width: 12, height: 10, data: new Uint8Array(12 * 10 * 3).fill(50) };
    const out = previewWithBoxes(image, [[2.6, 1.2, 9.9, 8.5]]); // truncated: x 2…9, y 1…8
    const red = (x: number, y: number) => Array.from(out.data.subarray((y * 12 + x) * 3, (y * 12 + x) * 3 + 3)).join() === "255,0,0";
    const marked = [];
    for (let y = 0; y < 10; y++) for (let x = 0; x < 12; x++) if (red(x, y)) marked.push([x, y]);
    const ring = (x: number, y: number) => x >= 2 && x <= 9 && y >= 1 && y <= 8 && (x <= 3 || x >= 8 || y <= 2 || y >= 7);
    const expected = [];
    for (let y = 0; y < 10; y++) for (let x = 0; x < 12; x++) if (ring(x, y)) expected.push([x, y]);
    expect(marked).toEqual(expected);
    expect(image.data.every((v) => v === 50)).toBe(true);
  });

  it("a box past the picture's edge is clipped", () => {
    const image = { width: 4, height: 4, data: new Uint8Array(48) };
    expect(() => previewWithBoxes(image, [[-5, -5, 10, 10]])).not.toThrow();
    expect(previewWithBoxes(image, [[-5, -5, 10, 10]]).data.every((v) => v === 0)).toBe(true);
  });
});
