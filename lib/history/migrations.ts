// Applies the committed Prisma migrations (prisma/migrations/*/migration.sql) at server start without
// any Prisma engine: plain better-sqlite3, recorded in Prisma's own `_prisma_migrations` table with
// Prisma's checksum (sha256 of the file), so `node scripts/db.mjs deploy` and this runner agree on
// what is applied. Cheap when nothing is pending: one directory listing and one SELECT.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export function migrationsDirectory(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

/** Applies the pending migrations to the SQLite file `dbFile`; returns the names applied. */
export function applyPendingMigrations(dbFile: string, dir = migrationsDirectory()): string[] {
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const db = new Database(dbFile);
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const applied = new Set(
      db
        .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .pluck()
        .all() as string[],
    );
    const pending = fs
      .readdirSync(dir)
      .filter((name) => !applied.has(name) && fs.existsSync(path.join(dir, name, "migration.sql")))
      .sort();
    const record = db.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, ?, 1)`,
    );
    for (const name of pending) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const startedAt = new Date().toISOString();
      // One transaction per migration: a failure leaves the database as it was before it.
      db.transaction(() => {
        db.exec(sql);
        record.run(crypto.randomUUID(), crypto.createHash("sha256").update(sql).digest("hex"), new Date().toISOString(), name, startedAt);
      })();
    }
    return pending;
  } finally {
    db.close();
  }
}
