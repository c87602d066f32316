// Which files GET /files/[...path] may serve: images that really live inside the outputs folder.
// Every check errs on refusing: bad segments, non-image extensions, anything whose real path (after
// symlinks) leaves the outputs folder, anything that is not a regular file.
import fs from "node:fs";
import path from "node:path";

const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
};

export interface OutputFile {
  file: string;
  contentType: string;
  size: number;
}

const isSafeSegment = (segment: string) =>
  segment !== "" && segment !== "." && segment !== ".." && !/[/\\:\0]/.test(segment);

/** The real file for URL path segments (already percent-decoded) under `outputs`, or null. */
export function resolveOutputFile(outputs: string, segments: readonly string[]): OutputFile | null {
  if (segments.length === 0 || !segments.every(isSafeSegment)) return null;
  let root: string;
  let file: string;
  try {
    root = fs.realpathSync(outputs);
    file = fs.realpathSync(path.join(root, ...segments));
  } catch {
    return null; // missing file or folder, broken symlink
  }
  if (!file.startsWith(root + path.sep)) return null;
  const contentType = IMAGE_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return null;
  const stat = fs.statSync(file);
  return stat.isFile() ? { file, contentType, size: stat.size } : null;
}
