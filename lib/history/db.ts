// The history database: a PrismaClient on SQLite through the better-sqlite3 driver adapter. The client
// is a process singleton, so every Next.js route bundle (and hot reloads) share one connection.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { onyxPaths } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyPendingMigrations } from "@/lib/history/migrations";
import { processSingleton } from "@/lib/process-singleton";

export type HistoryClient = PrismaClient;

/** The SQLite file: DATABASE_URL (`file:` URL) if set, else `<DATA_DIR>/onyx.db`. */
export function databaseFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) return path.resolve(process.cwd(), env.DATABASE_URL.replace(/^file:/, ""));
  return path.join(onyxPaths(env).data, "onyx.db");
}

export function createHistoryClient(file = databaseFile()): PrismaClient {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}` }) });
}

const sharedClient = () => processSingleton<{ open: { file: string; client: PrismaClient } | null }>("historyDb", () => ({ open: null }));

/** The process-wide client for the current database file (re-created if DATA_DIR/DATABASE_URL changed). */
export function historyDb(): PrismaClient {
  const file = databaseFile();
  const shared = sharedClient();
  if (shared.open?.file !== file) {
    void shared.open?.client.$disconnect();
    shared.open = { file, client: createHistoryClient(file) };
  }
  return shared.open.client;
}

/** Closes the process-wide client (before its file is replaced); the next historyDb() opens a new one. */
export async function closeHistoryDb(): Promise<void> {
  const shared = sharedClient();
  const open = shared.open;
  shared.open = null;
  await open?.client.$disconnect();
}

/** Applies pending migrations to the database file (idempotent; the server runs it at start, see lib/history/availability.ts). */
export function ensureDatabase(file = databaseFile()): string[] {
  return applyPendingMigrations(file);
}
