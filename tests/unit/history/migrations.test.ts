import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyPendingMigrations, migrationsDirectory } from "@/lib/history/migrations";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-migrate-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const committed = fs.readdirSync(migrationsDirectory()).filter((n) => fs.existsSync(path.join(migrationsDirectory(), n, "migration.sql"))).sort();
const deploy = (dataDir: string) =>
  execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" }, encoding: "utf8" });

function schemaObjects(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const names = db.prepare(`SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1`).pluck().all() as string[];
  db.close();
  return names;
}

describe("migrations", () => {
  it("`scripts/db.mjs deploy` creates <DATA_DIR>/onyx.db with the Image table, FTS5 index and triggers", () => {
    const dataDir = path.join(root, "a");
    expect(deploy(dataDir)).toContain(committed.join(", "));
    const objects = schemaObjects(path.join(dataDir, "onyx.db"));
    for (const name of ["table Image", "table ImageSearch", "trigger Image_search_insert", "trigger Image_search_delete", "trigger Image_search_update", "index Image_kind_createdAt_idx"]) {
      expect(objects).toContain(name);
    }
    expect(deploy(dataDir)).toContain("none pending");
    // The engine-free runner agrees that nothing is pending (same migration names).
    expect(applyPendingMigrations(path.join(dataDir, "onyx.db"))).toEqual([]);
  }, 30_000);

  it("applyPendingMigrations builds the same schema, with Prisma's checksums, and deploy then finds nothing pending", () => {
    const dataDir = path.join(root, "b");
    const file = path.join(dataDir, "onyx.db");
    expect(applyPendingMigrations(file)).toEqual(committed);
    expect(applyPendingMigrations(file)).toEqual([]);
    expect(schemaObjects(file)).toEqual(schemaObjects(path.join(root, "a", "onyx.db")));
    const db = new Database(file, { readonly: true });
    const checksums = db.prepare(`SELECT checksum FROM _prisma_migrations ORDER BY migration_name`).pluck().all();
    db.close();
    const sha256 = (name: string) =>
      execFileSync("sha256sum", [path.join(migrationsDirectory(), name, "migration.sql")], { encoding: "utf8" }).split(" ")[0];
    expect(checksums).toEqual(committed.map(sha256));
    expect(deploy(dataDir)).toContain("none pending");
  }, 30_000);

  it("a database made before the extras search index finds its Extras rows by their extras text once migrated", () => {
    const first = path.join(root, "first-only");
    fs.mkdirSync(path.join(first, committed[0]), { recursive: true });
    fs.copyFileSync(path.join(migrationsDirectory(), committed[0], "migration.sql"), path.join(first, committed[0], "migration.sql"));
    const file = path.join(root, "c", "onyx.db");
    expect(applyPendingMigrations(file, first)).toEqual([committed[0]]);
    let db = new Database(file);
    db.prepare(`INSERT INTO "Image" ("path", "kind", "prompt", "extensionFields") VALUES ('extras-images/a.png', 'extras', 'a kettle', '{"extras":"Postprocess upscaler: Lanczos"}')`).run();
    db.close();
    expect(applyPendingMigrations(file)).toEqual(committed.slice(1));
    db = new Database(file);
    const match = (word: string) => db.prepare(`SELECT count(*) FROM "ImageSearch" WHERE "ImageSearch" MATCH ?`).pluck().get(word);
    expect([match("lanczos"), match("kettle")]).toEqual([1, 1]);
    db.prepare(`DELETE FROM "Image"`).run();
    expect([match("lanczos"), match("kettle")]).toEqual([0, 0]);
    db.close();
  }, 30_000);
});
