// Extras "Batch from directory" (A1111's extras batch from a server folder): every image file of an
// input folder (not its sub-folders), sorted by name, upscaled; the results are written into an output
// folder under their original names, or saved like any Extras result when no output folder is given.
// img2img's Batch sub-tab reads its input and mask folders the same way (lib/pipeline/img2img-batch.ts).
// Where such paths may be used: lib/security/server-folders.ts.
import fs from "node:fs";
import path from "node:path";

const IMAGE_EXTENSIONS = new Set([".png", ".jpg", ".jpeg", ".webp"]);

export class FolderError extends Error {}

/** The images of `dir` with their file names; a FolderError names what is wrong with the folder, after `label`. */
export function readFolderImages(dir: string, label = "Input directory"): Array<{ data: Uint8Array; name: string }> {
  if (dir.trim() === "") throw new FolderError(`${label}: enter a folder on the server`);
  const folder = path.resolve(dir);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new FolderError(`${label}: ${dir} is not a folder on the server`);
  const names = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isFile() && IMAGE_EXTENSIONS.has(path.extname(d.name).toLowerCase()))
    .map((d) => d.name)
    .sort();
  if (names.length === 0) throw new FolderError(`${label}: ${dir} holds no PNG, JPEG or WebP image`);
  return names.map((name) => ({ data: fs.readFileSync(path.join(folder, name)), name }));
}

/** Writes each result as `<original name without extension>.png` into `dir` (created when missing). */
export function writeFolderImages(dir: string, images: ReadonlyArray<{ png: Uint8Array; name: string }>): void {
  const folder = path.resolve(dir);
  fs.mkdirSync(folder, { recursive: true });
  for (const image of images) fs.writeFileSync(path.join(folder, `${path.parse(image.name).name}.png`), image.png);
}
