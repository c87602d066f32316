// Saving an image and its history row as one unit. Order matters for crash safety: the file is
// written (temp + fsync + rename) before the row is inserted, so a crash can leave a file without a
// row — which the start-up reconcile imports from the file's own infotext — but never a row without
// a file. If the insert itself fails, the file is removed again.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import type { NamingInputs } from "@/lib/images/output-naming";
import { readPngSize, writePngText } from "@/lib/images/png-text";
import { saveImageFile, writeTempFile } from "@/lib/images/save";
import { encodeForSaving, type SaveFormat } from "@/lib/images/save-format";
import { historyDb, type HistoryClient } from "@/lib/history/db";

export interface ImageFields {
  prompt?: string;
  negativePrompt?: string;
  seed?: number;
  subseed?: number;
  subseedStrength?: number;
  sampler?: string;
  scheduleType?: string;
  steps?: number;
  cfgScale?: number;
  /** Default: the PNG's own size. */
  width?: number;
  height?: number;
  modelName?: string;
  modelHash?: string;
  extensionFields?: Record<string, unknown>;
  jobId?: string;
}

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

export async function recordImage(input: RecordImageInput, options: RecordOptions = {}): Promise<RecordedImage> {
  const client = options.client ?? historyDb();
  const size = readPngSize(input.png);
  const encoded = input.format ? await encodeForSaving(Buffer.from(input.png), input.text, input.format) : { bytes: writePngText(input.png, input.text), extension: "png" };
  // One clock reading for both the date folder and the row.
  const date = input.naming.date ?? new Date();
  const saved = await saveImageFile(options.outputs ?? onyxPaths().outputs, encoded.bytes, { ...input.naming, extension: encoded.extension, date });
  if (input.sidecarText !== undefined) await writeSidecar(saved.path, input.sidecarText);
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
    const row = await client.image.upsert({ where: { path: saved.relativePath }, create: data, update: data, select: { id: true } });
    return { id: row.id, ...saved };
  } catch (error) {
    fs.rmSync(saved.path, { force: true });
    throw error;
  }
}

/** `<image without extension>.txt`, written atomically like the image. */
async function writeSidecar(imagePath: string, text: string): Promise<void> {
  const target = imagePath.replace(/\.[^./\\]+$/, "") + ".txt";
  const temp = await writeTempFile(path.dirname(target), Buffer.from(text, "utf8"));
  fs.renameSync(temp, target);
}
