// Pipeline tests save images and history rows: each test file gets its own DATA_DIR and OUTPUTS_DIR
// (a migrated SQLite history) in a temp folder, restored and removed after the file's tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { ensureDatabase } from "@/lib/history/db";

/** Registers the hooks; returns the temp root (valid inside tests). `env` adds more folders (name → sub-folder). */
export function useTempJobFolders(prefix: string, env: Record<string, string> = {}): () => string {
  const saved = { ...process.env };
  let root = "";
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), `onyx-${prefix}-`));
    process.env.DATA_DIR = path.join(root, "data");
    process.env.OUTPUTS_DIR = path.join(root, "outputs");
    for (const [name, folder] of Object.entries(env)) process.env[name] = path.join(root, folder);
    ensureDatabase();
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(root, { recursive: true, force: true });
  });
  return () => root;
}
