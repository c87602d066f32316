// A1111's image grid (`images.image_grid`): cells the size of the largest image, smaller images
// centred, white background, rows from the "Grid row count" setting.
import sharp from "sharp";

export interface GridCell {
  png: Buffer;
  width: number;
  height: number;
}

/** Rows for `count` images: setting -1 = round(√N), 0 = batch size, > 0 = that; capped at N. */
export function gridRows(count: number, nRowsSetting: number, batchSize: number): number {
  const rows = nRowsSetting > 0 ? nRowsSetting : nRowsSetting === 0 ? batchSize : Math.round(Math.sqrt(count));
  return Math.max(1, Math.min(rows, count));
}

export async function imageGrid(cells: GridCell[], rows: number): Promise<{ png: Buffer; width: number; height: number }> {
  const cols = Math.ceil(cells.length / rows);
  const w = Math.max(...cells.map((c) => c.width));
  const h = Math.max(...cells.map((c) => c.height));
  const png = await sharp({ create: { width: cols * w, height: rows * h, channels: 3, background: "#ffffff" } })
    .composite(
      cells.map((c, i) => ({
        input: c.png,
        left: (i % cols) * w + Math.floor((w - c.width) / 2),
        top: Math.floor(i / cols) * h + Math.floor((h - c.height) / 2),
      })),
    )
    .png()
    .toBuffer();
  return { png, width: cols * w, height: rows * h };
}
