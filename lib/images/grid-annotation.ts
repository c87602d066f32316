// A1111's `draw_grid_annotations` (docs/a1111/xyz-plot.md#annotation-drawing): labels above the columns and left of the
// rows of a grid, word-wrapped to the column (or left pad) width, shrunk a point at a time when a
// single word is still too wide, inactive labels grey and struck through (Prompt matrix).
// Text is rendered by sharp's Pango text input, which also gives each line's ink box — the size
// A1111 takes from PIL's textbbox. Roboto is not installed here; DejaVu Sans is Debian's default.
import sharp, { type OverlayOptions } from "sharp";

export interface GridAnnotation {
  text: string;
  /** false: grey and struck through. */
  active?: boolean;
}

export interface GridImage {
  png: Buffer;
  width: number;
  height: number;
}

export const ANNOTATION_FONT = "DejaVu Sans";

interface Line {
  text: string;
  active: boolean;
  width: number;
  height: number;
  allowedWidth: number;
}

/** Font size and line spacing for a cell: (w + h) // 25 and half of it. */
export function annotationFontSize(cellWidth: number, cellHeight: number): { fontSize: number; lineSpacing: number } {
  const fontSize = Math.floor((cellWidth + cellHeight) / 25);
  return { fontSize, lineSpacing: Math.floor(fontSize / 2) };
}

const escapeMarkup = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function markup(text: string, active: boolean): string {
  const color = active ? "#000000" : "#999999";
  return `<span foreground="${color}"${active ? "" : ' strikethrough="true"'}>${escapeMarkup(text)}</span>`;
}

/** One line rendered at `fontSize` px; empty text has no ink and a 0×0 box. */
async function renderLine(text: string, active: boolean, fontSize: number, font: string): Promise<GridImage | null> {
  if (!text.trim() || fontSize <= 0) return null;
  const { data, info } = await sharp({ text: { text: markup(text, active), font: `${font} ${fontSize}`, dpi: 72, rgba: true } })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

async function measure(text: string, fontSize: number, font: string): Promise<{ width: number; height: number }> {
  const img = await renderLine(text, true, fontSize, font);
  return img ? { width: img.width, height: img.height } : { width: 0, height: 0 };
}

/** A1111's `wrap`: words added while the line still fits; a too-long word gets a line of its own. */
async function wrap(text: string, fontSize: number, font: string, allowedWidth: number): Promise<string[]> {
  const lines = [""];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = `${lines[lines.length - 1]} ${word}`.trim();
    if ((await measure(candidate, fontSize, font)).width <= allowedWidth) lines[lines.length - 1] = candidate;
    else lines.push(word);
  }
  return lines;
}

async function layout(labels: readonly GridAnnotation[], allowedWidth: number, fontSize: number, font: string): Promise<Line[]> {
  const lines: Line[] = [];
  for (const label of labels) {
    for (const text of await wrap(label.text, fontSize, font, allowedWidth)) {
      const size = await measure(text, fontSize, font);
      lines.push({ text, active: label.active ?? true, ...size, allowedWidth });
    }
  }
  return lines;
}

/** Composite operations drawing `lines` centred on x, starting at y (A1111's draw_texts). */
async function drawTexts(lines: readonly Line[], x: number, y: number, fontSize: number, lineSpacing: number, font: string): Promise<OverlayOptions[]> {
  const ops: OverlayOptions[] = [];
  for (const line of lines) {
    let size = fontSize;
    let img = await renderLine(line.text, line.active, size, font);
    while (img && img.width > line.allowedWidth && size > 1) img = await renderLine(line.text, line.active, --size, font);
    if (img) {
      // Centre-anchored at (x, y + h/2), as PIL's anchor "mm".
      const left = Math.max(0, Math.round(x - img.width / 2));
      const top = Math.max(0, Math.round(y + line.height / 2 - img.height / 2));
      ops.push({ input: img.png, left, top });
    }
    y += line.height + lineSpacing;
  }
  return ops;
}

/**
 * The grid with column headers `horTexts` (one list per column) and row labels `verTexts` (one
 * list per row). Output: (grid_w + left pad + margin·(cols−1)) × (grid_h + top pad + margin·(rows−1)).
 */
export async function drawGridAnnotations(
  grid: GridImage,
  cellWidth: number,
  cellHeight: number,
  horTexts: ReadonlyArray<readonly GridAnnotation[]>,
  verTexts: ReadonlyArray<readonly GridAnnotation[]>,
  margin = 0,
  font = ANNOTATION_FONT,
): Promise<GridImage> {
  const cols = Math.floor(grid.width / cellWidth);
  const rows = Math.floor(grid.height / cellHeight);
  if (cols !== horTexts.length) throw new Error(`${horTexts.length} column labels for ${cols} columns`);
  if (rows !== verTexts.length) throw new Error(`${verTexts.length} row labels for ${rows} rows`);
  const { fontSize, lineSpacing } = annotationFontSize(cellWidth, cellHeight);
  const hasRowLabels = verTexts.some((labels) => labels.some((l) => l.text.length > 0));
  const padLeft = hasRowLabels ? Math.floor((cellWidth * 3) / 4) : 0;

  const hor = await Promise.all(horTexts.map((labels) => layout(labels, cellWidth, fontSize, font)));
  const ver = await Promise.all(verTexts.map((labels) => layout(labels, padLeft, fontSize, font)));
  // A1111's sums: header blocks count the spacing between lines; row blocks subtract one per line.
  const horHeights = hor.map((lines) => lines.reduce((s, l) => s + l.height + lineSpacing, 0) - lineSpacing);
  const verHeights = ver.map((lines) => lines.reduce((s, l) => s + l.height + lineSpacing, 0) - lineSpacing * lines.length);
  const padTop = horHeights.every((h) => h === 0) ? 0 : Math.max(...horHeights) + lineSpacing * 2;

  const width = grid.width + padLeft + margin * (cols - 1);
  const height = grid.height + padTop + margin * (rows - 1);
  const cells: OverlayOptions[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const input = margin === 0 && rows * cols === 1 ? grid.png : await sharp(grid.png).extract({ left: cellWidth * col, top: cellHeight * row, width: cellWidth, height: cellHeight }).toBuffer();
      cells.push({ input, left: padLeft + (cellWidth + margin) * col, top: padTop + (cellHeight + margin) * row });
    }
  }
  const labels: OverlayOptions[] = [];
  for (let col = 0; col < cols; col++) {
    labels.push(...(await drawTexts(hor[col], padLeft + (cellWidth + margin) * col + cellWidth / 2, padTop / 2 - horHeights[col] / 2, fontSize, lineSpacing, font)));
  }
  for (let row = 0; row < rows; row++) {
    labels.push(...(await drawTexts(ver[row], padLeft / 2, padTop + (cellHeight + margin) * row + cellHeight / 2 - verHeights[row] / 2, fontSize, lineSpacing, font)));
  }
  const png = await sharp({ create: { width, height, channels: 3, background: "#ffffff" } })
    .composite([...cells, ...labels])
    .png()
    .toBuffer();
  return { png, width, height };
}
