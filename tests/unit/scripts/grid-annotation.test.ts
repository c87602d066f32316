// Grid annotation sizes follow the formulas of docs/a1111/xyz-plot.md#annotation-drawing; label bands carry ink. Line heights
// for the expected sizes are measured by rendering the text with sharp directly.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { annotationFontSize, drawGridAnnotations, type GridImage } from "@/lib/images/grid-annotation";

const CELL = 128;
const COLOURS = [[200, 30, 30], [30, 200, 30], [30, 30, 200], [200, 200, 30], [30, 200, 200], [200, 30, 200]];

/** A cols×rows grid of solid-colour cells. */
async function solidGrid(cols: number, rows: number): Promise<GridImage> {
  const width = cols * CELL, height = rows * CELL;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const c = COLOURS[(Math.floor(y / CELL) * cols + Math.floor(x / CELL)) % COLOURS.length];
      data.set(c, (y * width + x) * 3);
    }
  return { png: await sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer(), width, height };
}

async function pixels(img: GridImage) {
  const { data, info } = await sharp(img.png).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
  return { at, info };
}

async function inkHeight(text: string, size: number): Promise<number> {
  const { info } = await sharp({ text: { text, font: `DejaVu Sans ${size}`, dpi: 72 } }).png().toBuffer({ resolveWithObject: true });
  return info.height;
}

describe("drawGridAnnotations", () => {
  it("font size is (w + h) // 25 and line spacing half of it", () => {
    expect(annotationFontSize(512, 512)).toEqual({ fontSize: 40, lineSpacing: 20 });
    expect(annotationFontSize(128, 128)).toEqual({ fontSize: 10, lineSpacing: 5 });
  });

  it("3×2 with headers, row labels and a margin: sizes, cell positions and inked bands", async () => {
    const grid = await solidGrid(3, 2);
    const margin = 4;
    const hor = ["Steps: 10", "Steps: 20", "Steps: 30"].map((text) => [{ text }]);
    const ver = ["Euler", "DPM++ 2M"].map((text) => [{ text }]);
    const out = await drawGridAnnotations(grid, CELL, CELL, hor, ver, margin);

    const { fontSize, lineSpacing } = annotationFontSize(CELL, CELL);
    const headerHeight = Math.max(...(await Promise.all(["Steps: 10", "Steps: 20", "Steps: 30"].map((t) => inkHeight(t, fontSize)))));
    const padLeft = (CELL * 3) >> 2; // 96
    const padTop = headerHeight + 2 * lineSpacing;
    expect(out.width).toBe(3 * CELL + padLeft + margin * 2);
    expect(out.height).toBe(2 * CELL + padTop + margin * 1);

    const { at, info } = await pixels(out);
    expect([info.width, info.height]).toEqual([out.width, out.height]);
    // Cell (col 2, row 1) sits at (padLeft + 2·(w + margin), padTop + (h + margin)).
    expect(at(padLeft + 2 * (CELL + margin) + 5, padTop + CELL + margin + 5)).toEqual(COLOURS[5]);
    expect(at(padLeft + 5, padTop + 5)).toEqual(COLOURS[0]);
    // Margins stay white.
    expect(at(padLeft + CELL + 1, padTop + 10)).toEqual([255, 255, 255]);

    let darkInTop = 0, darkInLeft = 0;
    for (let y = 0; y < padTop; y++) for (let x = padLeft; x < out.width; x++) if (at(x, y)[0] < 128) darkInTop++;
    for (let y = padTop; y < out.height; y++) for (let x = 0; x < padLeft; x++) if (at(x, y)[0] < 128) darkInLeft++;
    expect(darkInTop).toBeGreaterThan(30);
    expect(darkInLeft).toBeGreaterThan(30);
  });

  it("empty labels add no space: the output is the grid itself", async () => {
    const grid = await solidGrid(2, 1);
    const out = await drawGridAnnotations(grid, CELL, CELL, [[{ text: "" }], [{ text: "" }]], [[{ text: "" }]]);
    expect([out.width, out.height]).toEqual([grid.width, grid.height]);
  });

  it("a long header wraps into more lines and a taller band; inactive text is grey", async () => {
    const grid = await solidGrid(1, 1);
    const short = await drawGridAnnotations(grid, CELL, CELL, [[{ text: "cat" }]], [[{ text: "" }]]);
    const long = await drawGridAnnotations(grid, CELL, CELL, [[{ text: "a very long label that cannot fit in one cell width" }]], [[{ text: "" }]]);
    expect(long.height - CELL).toBeGreaterThan(2 * (short.height - CELL) - 2 * 5);

    const inactive = await drawGridAnnotations(grid, CELL, CELL, [[{ text: "cat", active: false }]], [[{ text: "" }]]);
    const { at } = await pixels(inactive);
    const band = inactive.height - CELL;
    const values = new Set<number>();
    for (let y = 0; y < band; y++) for (let x = 0; x < CELL; x++) values.add(at(x, y)[0]);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(140); // no black ink, only #999999 and its anti-aliasing
    expect(values.has(153)).toBe(true);
  });

  it("rejects label counts that do not match the grid", async () => {
    const grid = await solidGrid(2, 1);
    await expect(drawGridAnnotations(grid, CELL, CELL, [[{ text: "a" }]], [[{ text: "" }]])).rejects.toThrow("1 column labels for 2 columns");
  });
});
