// Start-up reconcile between the outputs folder and the history table: PNGs without a row are
// imported from their own infotext (kind from the folder), rows whose file has gone are flagged
// `missing` (and un-flagged when it comes back), leftover temp files of interrupted saves are removed.
// Idempotent. Cost for N files: one directory walk, one query of the known paths, header-only reads
// of the new files, batched inserts in one transaction.
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { kindFromRelativePath, type ImageKind } from "@/lib/images/output-naming";
import { readPngFileText } from "@/lib/images/png-text";
import { isTempFileName } from "@/lib/images/save";
import { historyDb, type HistoryClient } from "@/lib/history/db";
import { Prisma } from "@/lib/generated/prisma/client";

export interface ReconcileResult {
  /** PNG files found under the output folders. */
  files: number;
  imported: number;
  markedMissing: number;
  restored: number;
  tempFilesRemoved: number;
  /** PNGs that could not be read (corrupt, truncated); left alone. */
  unreadable: string[];
}

const BATCH = 500;

/** The columns a reconcile import fills; the rest keep their defaults. */
const IMPORTED_COLUMNS = [
  "path", "kind", "prompt", "negativePrompt", "seed", "subseed", "subseedStrength", "sampler", "scheduleType",
  "steps", "cfgScale", "width", "height", "modelName", "modelHash", "infotext", "createdAt",
] as const satisfies readonly (keyof Prisma.ImageCreateManyInput)[];

/**
 * One multi-row INSERT per batch: about 3× faster than `createMany` through the driver adapter on
 * this machine (10,000 rows: ~2 s against ~6 s), which matters for a first start on a big folder.
 */
function insertBatch(rows: Prisma.ImageCreateManyInput[]): Prisma.Sql {
  const columns = Prisma.join(IMPORTED_COLUMNS.map((column) => Prisma.raw(`"${column}"`)));
  const values = rows.map((row) => Prisma.sql`(${Prisma.join(IMPORTED_COLUMNS.map((column) => row[column] ?? null))})`);
  return Prisma.sql`INSERT INTO "Image" (${columns}) VALUES ${Prisma.join(values)}`;
}

/** Relative `/`-separated paths of the PNGs under the output folders; removes temp leftovers on the way. */
function walkOutputs(outputs: string): { pngs: string[]; tempFilesRemoved: number } {
  const pngs: string[] = [];
  let tempFilesRemoved = 0;
  const visit = (dir: string, relative: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(path.join(dir, entry.name), rel);
      else if (entry.isFile() && isTempFileName(entry.name)) {
        fs.rmSync(path.join(dir, entry.name), { force: true });
        tempFilesRemoved++;
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith(".png")) pngs.push(rel);
    }
  };
  if (!fs.existsSync(outputs)) return { pngs, tempFilesRemoved };
  for (const entry of fs.readdirSync(outputs, { withFileTypes: true })) {
    if (entry.isDirectory() && kindFromRelativePath(entry.name)) visit(path.join(outputs, entry.name), entry.name);
  }
  return { pngs, tempFilesRemoved };
}

const integer = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isSafeInteger(n) ? n : undefined;
};
const float = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(n) ? n : undefined;
};

/** The row for an image file found on disk, its fields read back from its infotext. */
export function rowFromFile(outputs: string, relativePath: string, kind: ImageKind): Prisma.ImageCreateManyInput {
  const file = path.join(outputs, ...relativePath.split("/"));
  const { text, width, height } = readPngFileText(file);
  const base = { path: relativePath, kind, prompt: "", negativePrompt: "", width, height, createdAt: fs.statSync(file).mtime };
  if (text.parameters === undefined) return { ...base, infotext: text.extras ?? "" };
  const params = parseGenerationParameters(text.parameters);
  const seed = integer(params["Seed"]);
  const subseed = integer(params["Variation seed"]);
  return {
    ...base,
    prompt: params["Prompt"] ?? "",
    negativePrompt: params["Negative prompt"] ?? "",
    seed: seed === undefined ? undefined : BigInt(seed),
    subseed: subseed === undefined ? undefined : BigInt(subseed),
    subseedStrength: float(params["Variation seed strength"]),
    sampler: params["Sampler"],
    scheduleType: params["Schedule type"],
    steps: integer(params["Steps"]),
    cfgScale: float(params["CFG scale"]),
    width: integer(params["Size-1"]) ?? width,
    height: integer(params["Size-2"]) ?? height,
    modelName: params["Model"],
    modelHash: params["Model hash"],
    infotext: text.parameters,
  };
}

export async function reconcileOutputs(options: { outputs?: string; client?: HistoryClient } = {}): Promise<ReconcileResult> {
  const outputs = options.outputs ?? onyxPaths().outputs;
  const client = options.client ?? historyDb();
  const { pngs, tempFilesRemoved } = walkOutputs(outputs);
  const onDisk = new Set(pngs);
  const known = await client.image.findMany({ select: { id: true, path: true, missing: true } });
  const knownPaths = new Set(known.map((row) => row.path));

  const unreadable: string[] = [];
  const newRows: Prisma.ImageCreateManyInput[] = [];
  for (const rel of pngs) {
    if (knownPaths.has(rel)) continue;
    try {
      newRows.push(rowFromFile(outputs, rel, kindFromRelativePath(rel)!));
    } catch {
      unreadable.push(rel);
    }
  }
  const gone = known.filter((row) => !row.missing && !onDisk.has(row.path)).map((row) => row.id);
  const back = known.filter((row) => row.missing && onDisk.has(row.path)).map((row) => row.id);

  if (newRows.length || gone.length || back.length) {
    await client.$transaction(async (tx) => {
      for (let i = 0; i < newRows.length; i += BATCH) await tx.$executeRaw(insertBatch(newRows.slice(i, i + BATCH)));
      for (let i = 0; i < gone.length; i += BATCH) {
        await tx.image.updateMany({ where: { id: { in: gone.slice(i, i + BATCH) } }, data: { missing: true } });
      }
      for (let i = 0; i < back.length; i += BATCH) {
        await tx.image.updateMany({ where: { id: { in: back.slice(i, i + BATCH) } }, data: { missing: false } });
      }
    }, { timeout: 120_000 });
  }
  return {
    files: pngs.length,
    imported: newRows.length,
    markedMissing: gone.length,
    restored: back.length,
    tempFilesRemoved,
    unreadable,
  };
}
