// A1111's output folders and file names (docs/a1111/generation.md#output-files, docs/filename-patterns.md). With default settings: samples
// `<kind>-images/YYYY-MM-DD/NNNNN-<seed>.png`, extras `extras-images/NNNNN.png` (no date folder), grids
// `<tab>-grids/YYYY-MM-DD/grid-NNNN.png`, X/Y/Z grids `xyz_grid-NNNN-<seed>.png`. The saving settings
// (folders, directory and file name patterns, numbering, format) arrive already applied as the
// optional fields of NamingInputs (lib/pipeline/save-naming.ts).
import fs from "node:fs";
import path from "node:path";
import type { Options } from "@/lib/settings/options";

export type ImageKind = "txt2img" | "img2img" | "extras" | "grid";
export const IMAGE_KINDS: readonly ImageKind[] = ["txt2img", "img2img", "extras", "grid"];

export interface NamingInputs {
  kind: ImageKind;
  /** Seed used as the file-name decoration of samples and X/Y/Z grids. */
  seed?: number;
  /** Grids only: whose grid folder (default txt2img) and which basename (default `grid`). */
  gridTab?: "txt2img" | "img2img";
  gridBasename?: string;
  /** Samples: appended to the file name's stem, A1111's `save_image(suffix=…)` (ADetailer's "-ad-before"). */
  suffix?: string;
  /** Source of the `[date]` sub-folder (local time); default now. */
  date?: Date;
  /** The folder under the outputs folder that replaces the kind's own (the `outdir_*` settings). */
  baseFolder?: string;
  /** The sub-folder made by "Directory name pattern" ("" = none); default: the `[date]` folder (extras: none). */
  subfolder?: string;
  /** The name part after the number, made by "Images filename pattern"; default: A1111's default decoration. */
  decoration?: string;
  /** "Add number to filename when saving" (default on); without a decoration the number is always added. */
  addNumber?: boolean;
  /** File extension without the dot (default png). */
  extension?: string;
}

const DEFAULT_BASE: Record<ImageKind, (naming: NamingInputs) => string> = {
  txt2img: () => "txt2img-images",
  img2img: () => "img2img-images",
  extras: () => "extras-images",
  grid: (naming) => `${naming.gridTab ?? "txt2img"}-grids`,
};

/** A folder name from settings or a pattern as path segments inside the outputs folder (no `..`, no root). */
export function folderSegments(folder: string): string[] {
  return folder.split(/[\\/]+/).filter((s) => s !== "" && s !== "." && s !== "..");
}

/** `[date]`: YYYY-MM-DD in local time, as A1111's `datetime.now().strftime("%Y-%m-%d")`. */
export function localDateFolder(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The folder an image goes to, relative to the outputs folder, with `/` separators. */
export function outputFolder(naming: NamingInputs): string {
  const base = naming.baseFolder !== undefined ? folderSegments(naming.baseFolder) : [DEFAULT_BASE[naming.kind](naming)];
  const sub = naming.subfolder !== undefined ? folderSegments(naming.subfolder) : naming.kind === "extras" ? [] : [localDateFolder(naming.date ?? new Date())];
  return [...base, ...sub].join("/");
}

/** The folder settings saving follows (A1111's outdir_*). */
export type OutputFolderSettings = Pick<
  Options,
  "outdir_samples" | "outdir_txt2img_samples" | "outdir_img2img_samples" | "outdir_extras_samples" | "outdir_grids" | "outdir_txt2img_grids" | "outdir_img2img_grids"
>;

/** An outdir_* setting as a folder inside the outputs folder: A1111's defaults start with "outputs/". */
export function outputsRelative(folder: string): string {
  return folder.replace(/^\.?[\\/]*outputs(?:[\\/]+|$)/, "");
}

/** The folder setting in force for a kind of image: the all-tabs one when set, else the kind's own (a grid: its tab's). */
export function settingsBaseFolder(settings: OutputFolderSettings, kind: ImageKind, gridTab: "txt2img" | "img2img" = "txt2img"): string {
  if (kind === "grid") return outputsRelative(settings.outdir_grids || (gridTab === "img2img" ? settings.outdir_img2img_grids : settings.outdir_txt2img_grids));
  const own = kind === "extras" ? settings.outdir_extras_samples : kind === "img2img" ? settings.outdir_img2img_samples : settings.outdir_txt2img_samples;
  return outputsRelative(settings.outdir_samples || own);
}

/** A folder saved images live in: "sample" for the all-tabs samples folder (any tab's, extras too). */
export interface OutputRoot {
  folder: string;
  kind: ImageKind | "sample";
}

const DEFAULT_ROOTS: OutputRoot[] = [
  { folder: "txt2img-images", kind: "txt2img" },
  { folder: "img2img-images", kind: "img2img" },
  { folder: "extras-images", kind: "extras" },
  { folder: "txt2img-grids", kind: "grid" },
  { folder: "img2img-grids", kind: "grid" },
];

/**
 * Every folder the saving settings can write to (relative to the outputs folder, `/`-separated; "" is the
 * outputs folder itself), the default ones always (older images stay there when a setting changes).
 */
export function outputRoots(settings: OutputFolderSettings): OutputRoot[] {
  const own = (setting: string, kind: OutputRoot["kind"]): OutputRoot[] => (setting ? [{ folder: folderSegments(outputsRelative(setting)).join("/"), kind }] : []);
  return [
    ...DEFAULT_ROOTS,
    ...own(settings.outdir_txt2img_samples, "txt2img"),
    ...own(settings.outdir_img2img_samples, "img2img"),
    ...own(settings.outdir_extras_samples, "extras"),
    ...own(settings.outdir_txt2img_grids, "grid"),
    ...own(settings.outdir_img2img_grids, "grid"),
    ...own(settings.outdir_grids, "grid"),
    ...own(settings.outdir_samples, "sample"),
  ];
}

/**
 * The kind of image a path (relative to the outputs folder) holds: that of the innermost root containing
 * it; undefined outside every root.
 */
export function kindFromRelativePath(relativePath: string, roots: readonly OutputRoot[] = DEFAULT_ROOTS): OutputRoot["kind"] | undefined {
  const segments = folderSegments(relativePath);
  let best: OutputRoot | undefined;
  for (const root of roots) {
    const prefix = root.folder ? root.folder.split("/") : [];
    if (prefix.length >= segments.length || !prefix.every((s, i) => s === segments[i])) continue;
    if (!best || prefix.length > (best.folder ? best.folder.split("/").length : 0)) best = root;
  }
  return best?.kind;
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

/** Room for the extension in a 255-byte file name (A1111 cuts names to the file system's limit). */
const MAX_STEM_LENGTH = 250;

const cutStem = (stem: string) => {
  const chars = [...stem];
  return chars.length > MAX_STEM_LENGTH ? chars.slice(0, MAX_STEM_LENGTH).join("") : stem;
};

function fileName(naming: NamingInputs, sequence: number): string {
  if (naming.decoration !== undefined) {
    const extension = naming.extension ?? "png";
    const basename = naming.kind === "grid" ? (naming.gridBasename ?? "grid") : "";
    const number = basename ? `${basename}-${String(sequence).padStart(4, "0")}` : String(sequence).padStart(5, "0");
    const numbered = naming.addNumber !== false || naming.decoration === "";
    const suffix = naming.suffix ?? "";
    if (!numbered) return `${cutStem(sequence === 0 ? naming.decoration : `${naming.decoration}-${sequence}`)}${suffix}.${extension}`;
    return `${cutStem(naming.decoration ? `${number}-${naming.decoration}` : number)}${suffix}.${extension}`;
  }
  if (naming.kind === "grid") {
    const basename = naming.gridBasename ?? "grid";
    const decoration = basename === "xyz_grid" && naming.seed !== undefined ? `-${naming.seed}` : "";
    return `${basename}-${String(sequence).padStart(4, "0")}${decoration}.png`;
  }
  const decoration = naming.kind !== "extras" && naming.seed !== undefined ? `-${naming.seed}` : "";
  return `${String(sequence).padStart(5, "0")}${decoration}${naming.suffix ?? ""}.png`;
}

/**
 * The next free file name in `dir` (absolute): the sequence number from the folder's names, bumped
 * while the name exists (A1111 tries 500 numbers).
 */
export function nextFreeFileName(dir: string, naming: NamingInputs): string {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  // Without numbers the decoration itself is tried first, then "-1", "-2"… (A1111's "Add number
  // suffix"; its default "Replace" would overwrite an image, which Onyx never does).
  const unnumbered = naming.decoration !== undefined && naming.decoration !== "" && naming.addNumber === false;
  const start = unnumbered ? 0 : nextSequenceNumber(names, naming.kind === "grid" ? (naming.gridBasename ?? "grid") : "");
  for (let i = 0; i < 500; i++) {
    const name = fileName(naming, start + i);
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
  throw new Error(`no free file name in ${dir} after 500 tries`);
}
