// Saving an image and its history row as one unit. Order matters for crash safety: the file is
// written (temp + fsync + rename) before the row is inserted, so a crash can leave a file without a
// row — which the start-up reconcile imports from the file's own infotext — but never a row without
// a file. A file that cannot be written is an ImageSaveError (no file and no row then); a row that
// cannot be inserted (the history unavailable or failing) a HistoryRecordError, and the file is kept,
// so the image is not lost and the next reconcile records it.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { failureReason, withHistory } from "@/lib/history/availability";
import type { NamingInputs } from "@/lib/images/output-naming";
import { readPngSize, writePngText } from "@/lib/images/png-text";
import { ImageSaveError, saveImageFile, writeTempFile } from "@/lib/images/save";
import { encodeForSaving, type SaveFormat } from "@/lib/images/save-format";
import { historyDb, type HistoryClient } from "@/lib/history/db";
import type { ImageFields } from "@/lib/history/image-fields";

export interface RecordImageInput {
  png: Uint8Array;
  /** Text chunks to embed: `parameters` (the infotext) for generations, `extras` for the Extras tab. */
  text: Record<string, string>;
  /** Kind, seed, grid basename and date: where the file goes and what it is called. */
  naming: NamingInputs;
  fields: ImageFields;
  /** The row's infotext when the file carries none ("Write infotext to metadata" off). */
  historyInfotext?: string;
  /** The saved file's format (default PNG); the infotext goes where that format keeps it. */
  format?: SaveFormat;
  /** "Create a text file with infotext next to every generated image": written beside it as <name>.txt. */
  sidecarText?: string;
}

export interface RecordOptions {
  outputs?: string;
  client?: HistoryClient;
  /** Test hook: runs after the file is in place and before the row is inserted. */
  afterFileWritten?: (path: string) => void | Promise<void>;
}

export interface RecordedImage {
  id: number;
  path: string;
  relativePath: string;
}

const bigint = (n: number | undefined) => (n === undefined ? undefined : BigInt(n));

/** The image file was saved but its history row could not be inserted; the message holds no absolute path. */
export class HistoryRecordError extends Error {
  constructor(
    readonly relativePath: string,
    cause: unknown,
  ) {
    // Prisma's messages quote source locations; the code and SQLite's own words are enough.
    super(`saved ${relativePath}, but the history could not record it (${failureReason(cause)}); it is imported when the history works again`);
    this.name = "HistoryRecordError";
  }
}

export async function recordImage(input: RecordImageInput, options: RecordOptions = {}): Promise<RecordedImage> {
  const client = options.client ?? historyDb();
  const size = readPngSize(input.png);
  const encoded = input.format ? await encodeForSaving(Buffer.from(input.png), input.text, input.format) : { bytes: writePngText(input.png, input.text), extension: "png" };
  // One clock reading for both the date folder and the row.
  const date = input.naming.date ?? new Date();
  const saved = await saveImageFile(options.outputs ?? onyxPaths().outputs, encoded.bytes, { ...input.naming, extension: encoded.extension, date });
  if (input.sidecarText !== undefined) {
    try {
      await writeSidecar(saved.path, input.sidecarText);
    } catch (error) {
      // The image and its text are saved together or not at all.
      fs.rmSync(saved.path, { force: true });
      throw new ImageSaveError(path.posix.dirname(saved.relativePath), error);
    }
  }
  await options.afterFileWritten?.(saved.path);
  const { fields } = input;
  const data = {
    path: saved.relativePath,
    kind: input.naming.kind,
    prompt: fields.prompt ?? "",
    negativePrompt: fields.negativePrompt ?? "",
    seed: bigint(fields.seed),
    subseed: bigint(fields.subseed),
    subseedStrength: fields.subseedStrength,
    sampler: fields.sampler,
    scheduleType: fields.scheduleType,
    steps: fields.steps,
    cfgScale: fields.cfgScale,
    width: fields.width ?? size.width,
    height: fields.height ?? size.height,
    modelName: fields.modelName,
    modelHash: fields.modelHash,
    infotext: input.text.parameters ?? input.text.extras ?? input.historyInfotext ?? "",
    extensionFields: JSON.stringify(fields.extensionFields ?? {}),
    createdAt: date,
    jobId: fields.jobId,
  };
  try {
    // An upsert, because a reconcile running meanwhile may already have imported the new file.
    const row = await withHistory(() => client.image.upsert({ where: { path: saved.relativePath }, create: data, update: data, select: { id: true } }));
    return { id: row.id, ...saved };
  } catch (error) {
    throw new HistoryRecordError(saved.relativePath, error);
  }
}

/** `<image without extension>.txt`, written atomically like the image. */
async function writeSidecar(imagePath: string, text: string): Promise<void> {
  const target = imagePath.replace(/\.[^./\\]+$/, "") + ".txt";
  const temp = await writeTempFile(path.dirname(target), Buffer.from(text, "utf8"));
  fs.renameSync(temp, target);
}
