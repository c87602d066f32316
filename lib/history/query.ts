// History queries for the History tab and GET /api/history: search by words of the prompt or extras text through the FTS5
// table `ImageSearch`, filters, date sort with keyset (cursor) or offset paging, and the per-image
// actions (detail, favourite, delete).
import fs from "node:fs";
import path from "node:path";
import { onyxPaths } from "@/lib/config";
import { Prisma, type Image } from "@/lib/generated/prisma/client";
import type { ImageKind } from "@/lib/images/output-naming";
import { historyDb, type HistoryClient } from "@/lib/history/db";

export interface HistoryQuery {
  /** Prompt words; every word must occur, the last letters of each word may continue (prefix match). */
  q?: string;
  kind?: ImageKind;
  /** Model name or model hash. */
  model?: string;
  sampler?: string;
  /** Created at or after. */
  from?: Date;
  /** Created strictly before. */
  to?: Date;
  favourite?: boolean;
  /** Rows whose file has gone are left out unless asked for. */
  includeMissing?: boolean;
  sort?: "desc" | "asc";
  /** `nextCursor` of the previous page; takes precedence over `offset`. */
  cursor?: string;
  offset?: number;
  /** Page size, default 50. */
  limit?: number;
}

export interface HistoryItem {
  id: number;
  /** Relative to the outputs folder. */
  path: string;
  /** Served by GET /files/[...path]. */
  url: string;
  kind: string;
  prompt: string;
  negativePrompt: string;
  seed: number | null;
  subseed: number | null;
  subseedStrength: number | null;
  sampler: string | null;
  scheduleType: string | null;
  steps: number | null;
  cfgScale: number | null;
  width: number | null;
  height: number | null;
  modelName: string | null;
  modelHash: string | null;
  infotext: string;
  extensionFields: Record<string, unknown>;
  createdAt: string;
  favourite: boolean;
  missing: boolean;
  jobId: string | null;
}

export interface HistoryPage {
  items: HistoryItem[];
  nextCursor: string | null;
  /** Matches of the filters, all pages together. */
  total: number;
}

export const DEFAULT_PAGE_SIZE = 50;

export function toHistoryItem(row: Image): HistoryItem {
  let extensionFields: Record<string, unknown> = {};
  try {
    extensionFields = JSON.parse(row.extensionFields);
  } catch {
    // A hand-edited row with broken JSON still lists; its extension fields read as empty.
  }
  return {
    ...row,
    url: `/files/${row.path.split("/").map(encodeURIComponent).join("/")}`,
    seed: row.seed === null ? null : Number(row.seed),
    subseed: row.subseed === null ? null : Number(row.subseed),
    extensionFields,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * User words → an FTS5 MATCH expression: each word becomes a quoted string (inner quotes doubled, so no
 * FTS syntax — AND, NEAR, column filters, `*` — can be injected) with a prefix `*`, all ANDed. Words
 * without a letter or digit carry no tokens and are dropped; undefined when nothing is left.
 */
export function ftsMatchExpression(q: string): string | undefined {
  const words = q.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(" AND ");
}

interface Cursor {
  createdAt: Date;
  id: number;
}

function encodeCursor(row: { createdAt: Date; id: number }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || !/^\d+$/.test(id ?? "")) throw new Error("invalid cursor");
  return { createdAt, id: Number(id) };
}

function filterConditions(query: HistoryQuery): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  const match = query.q ? ftsMatchExpression(query.q) : undefined;
  if (match) conditions.push(Prisma.sql`"id" IN (SELECT rowid FROM "ImageSearch" WHERE "ImageSearch" MATCH ${match})`);
  if (query.kind) conditions.push(Prisma.sql`"kind" = ${query.kind}`);
  if (query.model) conditions.push(Prisma.sql`("modelName" = ${query.model} OR "modelHash" = ${query.model})`);
  if (query.sampler) conditions.push(Prisma.sql`"sampler" = ${query.sampler}`);
  if (query.from) conditions.push(Prisma.sql`"createdAt" >= ${query.from}`);
  if (query.to) conditions.push(Prisma.sql`"createdAt" < ${query.to}`);
  if (query.favourite !== undefined) conditions.push(Prisma.sql`"favourite" = ${query.favourite}`);
  if (!query.includeMissing) conditions.push(Prisma.sql`"missing" = false`);
  return conditions;
}

const whereClause = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

export async function searchHistory(query: HistoryQuery = {}, client: HistoryClient = historyDb()): Promise<HistoryPage> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const descending = query.sort !== "asc";
  const filters = filterConditions(query);
  const paged = [...filters];
  if (query.cursor) {
    const { createdAt, id } = decodeCursor(query.cursor);
    // Keyset paging on (createdAt, id): stable under inserts, unlike offsets.
    paged.push(
      descending
        ? Prisma.sql`("createdAt" < ${createdAt} OR ("createdAt" = ${createdAt} AND "id" < ${id}))`
        : Prisma.sql`("createdAt" > ${createdAt} OR ("createdAt" = ${createdAt} AND "id" > ${id}))`,
    );
  }
  const order = descending ? Prisma.sql`"createdAt" DESC, "id" DESC` : Prisma.sql`"createdAt" ASC, "id" ASC`;
  const offset = query.cursor ? 0 : (query.offset ?? 0);
  const [ids, counted] = await Promise.all([
    client.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Image" ${whereClause(paged)} ORDER BY ${order} LIMIT ${limit + 1} OFFSET ${offset}`,
    client.$queryRaw<{ total: bigint | number }[]>`SELECT count(*) AS total FROM "Image" ${whereClause(filters)}`,
  ]);
  const pageIds = ids.slice(0, limit).map((row) => Number(row.id));
  const rows = await client.image.findMany({ where: { id: { in: pageIds } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = pageIds.flatMap((id) => (byId.has(id) ? [toHistoryItem(byId.get(id)!)] : []));
  const last = items.at(-1);
  const hasMore = ids.length > limit;
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor({ createdAt: new Date(last.createdAt), id: last.id }) : null,
    total: Number(counted[0].total),
  };
}

export async function getHistoryImage(id: number, client: HistoryClient = historyDb()): Promise<HistoryItem | null> {
  const row = await client.image.findUnique({ where: { id } });
  return row ? toHistoryItem(row) : null;
}

/** Sets the favourite flag (or flips it when `favourite` is omitted); null if there is no such image. */
export async function setFavourite(id: number, favourite?: boolean, client: HistoryClient = historyDb()): Promise<HistoryItem | null> {
  const row = await client.image.findUnique({ where: { id }, select: { favourite: true } });
  if (!row) return null;
  return toHistoryItem(await client.image.update({ where: { id }, data: { favourite: favourite ?? !row.favourite } }));
}

/**
 * Deletes the image file and its row (the FTS row goes with it, by trigger). The file first: if that
 * fails the row stays and still points at it. A file that is already gone is fine.
 */
export async function deleteHistoryImage(
  id: number,
  options: { outputs?: string; client?: HistoryClient } = {},
): Promise<boolean> {
  const client = options.client ?? historyDb();
  const row = await client.image.findUnique({ where: { id }, select: { path: true } });
  if (!row) return false;
  fs.rmSync(path.join(options.outputs ?? onyxPaths().outputs, ...row.path.split("/")), { force: true });
  await client.image.delete({ where: { id } });
  return true;
}
