// A1111's output folders and file names with default settings (docs/a1111/generation.md#output-files): samples
// `<kind>-images/YYYY-MM-DD/NNNNN-<seed>.png`, extras `extras-images/NNNNN.png` (no date folder), grids
// `<tab>-grids/YYYY-MM-DD/grid-NNNN.png`, X/Y/Z grids `xyz_grid-NNNN-<seed>.png`.
import fs from "node:fs";
import path from "node:path";

export type ImageKind = "txt2img" | "img2img" | "extras" | "grid";
export const IMAGE_KINDS: readonly ImageKind[] = ["txt2img", "img2img", "extras", "grid"];

export interface NamingInputs {
  kind: ImageKind;
  /** Seed used as the file-name decoration of samples and X/Y/Z grids. */
  seed?: number;
  /** Grids only: whose grid folder (default txt2img) and which basename (default `grid`). */
  gridTab?: "txt2img" | "img2img";
  gridBasename?: "grid" | "xyz_grid";
  /** Source of the `[date]` sub-folder (local time); default now. */
  date?: Date;
}

/** `[date]`: YYYY-MM-DD in local time, as A1111's `datetime.now().strftime("%Y-%m-%d")`. */
export function localDateFolder(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The folder an image goes to, relative to the outputs folder, with `/` separators. */
export function outputFolder(naming: NamingInputs): string {
  const date = localDateFolder(naming.date ?? new Date());
  if (naming.kind === "extras") return "extras-images";
  if (naming.kind === "grid") return `${naming.gridTab ?? "txt2img"}-grids/${date}`;
  return `${naming.kind}-images/${date}`;
}

/** The inverse of `outputFolder` for a path relative to the outputs folder; undefined if not an output folder. */
export function kindFromRelativePath(relativePath: string): ImageKind | undefined {
  const top = relativePath.split(/[\\/]/)[0];
  if (top === "txt2img-images") return "txt2img";
  if (top === "img2img-images") return "img2img";
  if (top === "extras-images") return "extras";
  if (top === "txt2img-grids" || top === "img2img-grids") return "grid";
  return undefined;
}

/**
 * A1111's `get_next_sequence_number`: 1 + the largest integer before the first `-` (after the
 * `basename-` prefix) among the names in `dir`; 0 for an empty or missing folder.
 */
export function nextSequenceNumber(names: readonly string[], basename = ""): number {
  const prefix = basename ? `${basename}-` : "";
  let largest = -1;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const stem = name.slice(prefix.length).replace(/\.[^.]*$/, "");
    const leading = stem.split("-")[0];
    if (/^\d+$/.test(leading)) largest = Math.max(largest, Number(leading));
  }
  return largest + 1;
}

function fileName(naming: NamingInputs, sequence: number): string {
  if (naming.kind === "grid") {
    const basename = naming.gridBasename ?? "grid";
    const decoration = basename === "xyz_grid" && naming.seed !== undefined ? `-${naming.seed}` : "";
    return `${basename}-${String(sequence).padStart(4, "0")}${decoration}.png`;
  }
  const decoration = naming.kind !== "extras" && naming.seed !== undefined ? `-${naming.seed}` : "";
  return `${String(sequence).padStart(5, "0")}${decoration}.png`;
}

/**
 * The next free file name in `dir` (absolute): the sequence number from the folder's names, bumped
 * while the name exists (A1111 tries 500 numbers).
 */
export function nextFreeFileName(dir: string, naming: NamingInputs): string {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const start = nextSequenceNumber(names, naming.kind === "grid" ? (naming.gridBasename ?? "grid") : "");
  for (let i = 0; i < 500; i++) {
    const name = fileName(naming, start + i);
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
  throw new Error(`no free file name in ${dir} after 500 tries`);
}
