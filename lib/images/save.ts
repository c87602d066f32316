// Saving an encoded image under the outputs folder, atomically: the bytes go to a temporary file in
// the target folder, are fsynced, and only then renamed to their final name, so a crash leaves either
// no file or a complete one (plus at most a temp file, which `isTempFileName` lets reconcile remove).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { nextFreeFileName, outputFolder, type NamingInputs } from "@/lib/images/output-naming";

const TEMP_PREFIX = ".onyx-";
const TEMP_SUFFIX = ".tmp";

/** Leftovers of interrupted saves. The leading dot also keeps them out of the sequence numbering. */
export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `bytes` to a temp file in `dir` and fsyncs it; returns the temp path (removed again if writing fails). */
export async function writeTempFile(dir: string, bytes: Uint8Array): Promise<string> {
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
  const handle = await fs.promises.open(temp, "wx");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    // A full disk: no half-written temp file stays behind.
    await handle.close();
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return temp;
}

export interface SavedFile {
  /** Absolute path. */
  path: string;
  /** Relative to the outputs folder, `/` separators (the history key). */
  relativePath: string;
}

/** What the operating system's error codes mean to someone looking at a full disk or a wrong folder. */
const FAILURE_HINTS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exhausted",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "a file is in the way of the folder",
  EEXIST: "a file is in the way of the folder",
  EISDIR: "a folder is in the way of the file",
  EIO: "an input/output error",
};

/**
 * An image file that could not be written. Its message names the folder relative to the outputs folder
 * and the reason, never an absolute path (it reaches API clients and the UI).
 */
export class ImageSaveError extends Error {
  constructor(
    readonly relativeFolder: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const why = code ? `${FAILURE_HINTS[code] ?? "the file system refused"} (${code})` : (cause as Error)?.name ?? "unknown error";
    super(`saving failed: the image could not be written to ${relativeFolder}/: ${why}`);
    this.name = "ImageSaveError";
  }
}

/**
 * Saves `png` under `outputs` with A1111's folder and file naming. The name is chosen and the temp file
 * renamed in one synchronous step, so saves within this process never pick the same name. Throws
 * ImageSaveError when the file cannot be written; nothing is left behind then.
 */
export async function saveImageFile(outputs: string, png: Uint8Array, naming: NamingInputs): Promise<SavedFile> {
  const folder = outputFolder(naming);
  const dir = path.join(outputs, ...folder.split("/"));
  let temp: string;
  try {
    temp = await writeTempFile(dir, png);
  } catch (error) {
    throw new ImageSaveError(folder, error);
  }
  try {
    const name = nextFreeFileName(dir, naming);
    fs.renameSync(temp, path.join(dir, name));
    await fsyncDirectory(dir); // makes the rename itself durable
    return { path: path.join(dir, name), relativePath: `${folder}/${name}` };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new ImageSaveError(folder, error);
  }
}
