// Whether the history database can be used, and what happened when it could not (docs/history.md).
// A damaged file — found at start (PRAGMA quick_check) or by a query failing with SQLITE_CORRUPT /
// SQLITE_NOTADB — is renamed aside with a timestamp, a fresh database is migrated in its place and
// the reconcile re-imports every image of the outputs folder from its own infotext, so nothing is
// lost. Generation never depends on this: images are saved even while the history is unavailable.
// The state is a process singleton (every Next.js bundle shares it).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { closeHistoryDb, databaseFile, ensureDatabase } from "@/lib/history/db";
import { reconcileOutputs } from "@/lib/history/reconcile";
import { processSingleton } from "@/lib/process-singleton";

export interface HistoryRecovery {
  /** What was wrong with the old file ("SQLITE_CORRUPT: database disk image is malformed"). */
  reason: string;
  /** The old file's new name, in the same folder. */
  keptAs: string;
  /** Images re-imported from the outputs folder into the fresh database; null until the reconcile has run. */
  reimported: number | null;
}

export interface HistoryStatus {
  available: boolean;
  /** Why the history is unavailable. */
  reason: string | null;
  recovery: HistoryRecovery | null;
}

const state = () => processSingleton<HistoryStatus & { recovering: boolean }>("historyStatus", () => ({ available: true, reason: null, recovery: null, recovering: false }));

export function historyStatus(): HistoryStatus {
  const { available, reason, recovery } = state();
  return { available, reason, recovery };
}

const DAMAGE_CODES = new Set(["SQLITE_CORRUPT", "SQLITE_NOTADB"]);

/** "CODE: message" when `error` (better-sqlite3's or Prisma's driver-adapter error) says the file is damaged. */
export function damageReason(error: unknown): string | null {
  const e = error as { code?: string; message?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode && DAMAGE_CODES.has(cause.originalCode)) return `${cause.originalCode}: ${cause.originalMessage ?? ""}`.trim();
  if (e?.code && DAMAGE_CODES.has(e.code)) return `${e.code}: ${e.message ?? ""}`.trim();
  return null;
}

/** A failure in words that name no file or source location (they reach the UI and API clients). */
export function failureReason(error: unknown): string {
  const e = error as Error & { code?: string };
  if (e?.name === "HistoryUnavailableError") return e.message;
  return damageReason(error) ?? (e?.code ? `${e.name}: ${e.code}` : (e?.name ?? "unknown error"));
}

/**
 * How the SQLite file is damaged, or null if it is sound (or does not exist yet). Any other failure
 * (permissions, a lock) is thrown: such a file is not damaged and must not be set aside.
 */
export function checkDatabaseFile(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const result = db.pragma("quick_check", { simple: true });
    return result === "ok" ? null : `SQLITE_CORRUPT: ${String(result)}`;
  } catch (e) {
    const damage = damageReason(e);
    if (damage) return damage;
    throw e;
  } finally {
    db?.close();
  }
}

const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");

/** Renames the damaged file (and its journal files) to `<name>.corrupt-<timestamp>[-n]`; returns the new base name. */
function setAside(file: string, now: Date): string {
  const base = `${path.basename(file)}.corrupt-${stamp(now)}`;
  let keptAs = base;
  for (let n = 2; fs.existsSync(path.join(path.dirname(file), keptAs)); n++) keptAs = `${base}-${n}`;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, path.join(path.dirname(file), keptAs + suffix));
  }
  return keptAs;
}

/**
 * Makes the database usable, synchronously and without throwing: a damaged file is set aside, then
 * pending migrations are applied (creating a fresh database if needed). Returns true when a fresh
 * database replaced a damaged one (the caller then reconciles to re-import the images).
 */
export function prepareHistoryDatabase(file = databaseFile(), now = new Date()): boolean {
  const s = state();
  let replaced = false;
  try {
    const damage = checkDatabaseFile(file);
    if (damage) {
      const keptAs = setAside(file, now);
      s.recovery = { reason: damage, keptAs, reimported: null };
      replaced = true;
      console.error(`history: ${path.basename(file)} is damaged (${damage}); kept as ${keptAs}, starting a fresh one and re-importing the outputs folder`);
    }
    ensureDatabase(file);
    Object.assign(s, { available: true, reason: null });
  } catch (e) {
    Object.assign(s, { available: false, reason: failureReason(e) });
    console.error(`history: unavailable (${s.reason}); images are still saved and will be imported when it works again`);
  }
  return replaced;
}

/**
 * The reconcile, in the background: after a replacement its count of imported images is the
 * recovery's `reimported`. Never throws; a failure is logged and, if it is damage, recovered from.
 */
export async function reconcileInBackground(): Promise<void> {
  try {
    const result = await reconcileOutputs();
    const { recovery } = state();
    if (recovery && recovery.reimported === null) recovery.reimported = result.imported;
    if (result.imported || result.markedMissing || result.restored || result.unreadable.length) {
      console.log(`history: reconciled ${result.files} files (${result.imported} imported, ${result.markedMissing} missing, ${result.restored} back, ${result.unreadable.length} unreadable)`);
    }
  } catch (e) {
    console.error(`history: reconcile failed: ${failureReason(e)}`);
    noteHistoryFailure(e);
  }
}

/**
 * A query failed: when the file turned out to be damaged, the history is unavailable until it has
 * been replaced and re-imported (one recovery at a time). Other errors change nothing.
 */
export function noteHistoryFailure(error: unknown): void {
  const damage = damageReason(error);
  const s = state();
  if (!damage || s.recovering) return;
  Object.assign(s, { available: false, reason: damage, recovering: true });
  console.error(`history: the database failed with ${damage}; recovering`);
  void (async () => {
    await closeHistoryDb().catch(() => undefined); // a damaged connection may fail to close; it is dropped anyway
    if (prepareHistoryDatabase()) await reconcileInBackground();
    s.recovering = false;
  })();
}

/** Refused because the history is unavailable; compared by name (each Next.js bundle has its own class). */
export class HistoryUnavailableError extends Error {
  constructor(reason: string) {
    super(`the history is unavailable: ${reason}`);
    this.name = "HistoryUnavailableError";
  }
}

export const isHistoryUnavailable = (e: unknown): e is HistoryUnavailableError => e instanceof Error && e.name === "HistoryUnavailableError";

/** Runs a history query or change: refused while the history is unavailable; damage found on the way starts the recovery. */
export async function withHistory<T>(operation: () => Promise<T>): Promise<T> {
  const s = state();
  if (!s.available) throw new HistoryUnavailableError(s.reason ?? "unknown");
  try {
    return await operation();
  } catch (e) {
    noteHistoryFailure(e);
    const damage = damageReason(e);
    throw damage ? new HistoryUnavailableError(damage) : e;
  }
}

/** What the History tab tells the user after a recovery, null when there is nothing to tell. */
export function historyNotice(status: HistoryStatus = historyStatus()): string | null {
  const { recovery } = status;
  if (!recovery) return null;
  const imported =
    recovery.reimported === null ? "the images in the outputs folder are being re-imported" : `${recovery.reimported} images were re-imported from the outputs folder`;
  return `The history database was damaged (${recovery.reason}). It was kept as ${recovery.keptAs} and a new one was started; ${imported}.`;
}
