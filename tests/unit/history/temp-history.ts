// A throwaway history for one test file: a migrated SQLite file and an outputs folder in a temp dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createHistoryClient, ensureDatabase, type HistoryClient } from "@/lib/history/db";

export interface TempHistory {
  root: string;
  dbFile: string;
  outputs: string;
  client: HistoryClient;
  dispose(): Promise<void>;
}

export function createTempHistory(): TempHistory {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-history-"));
  const dbFile = path.join(root, "data", "onyx.db");
  const outputs = path.join(root, "outputs");
  ensureDatabase(dbFile);
  const client = createHistoryClient(dbFile);
  return {
    root,
    dbFile,
    outputs,
    client,
    async dispose() {
      await client.$disconnect();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A tiny solid-colour PNG without text chunks. */
export function tinyPng(width = 8, height = 6): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#336699" } }).png().toBuffer();
}
