import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkDatabaseFile,
  historyNotice,
  historyStatus,
  isHistoryUnavailable,
  prepareHistoryDatabase,
  reconcileInBackground,
  withHistory,
} from "@/lib/history/availability";
import { closeHistoryDb, createHistoryClient, ensureDatabase, historyDb } from "@/lib/history/db";
import { writePngText } from "@/lib/images/png-text";
import { tinyPng } from "./temp-history";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-availability-"));
const saved = { DATABASE_URL: process.env.DATABASE_URL, OUTPUTS_DIR: process.env.OUTPUTS_DIR };
let case_ = 0;
let dir: string;
let dbFile: string;
let outputs: string;

beforeEach(() => {
  dir = path.join(root, String(case_++));
  dbFile = path.join(dir, "data", "onyx.db");
  outputs = path.join(dir, "outputs");
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.OUTPUTS_DIR = outputs;
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("onyx.historyStatus")]; // the process singleton of lib/history/availability.ts
});
afterEach(async () => {
  await closeHistoryDb();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A migrated database with `n` rows, then pages after the first two overwritten with garbage (header intact). */
async function damagedDatabase(n: number): Promise<void> {
  ensureDatabase(dbFile);
  const client = createHistoryClient(dbFile);
  const row = (i: number) => ({ path: `txt2img-images/x/${i}.png`, kind: "txt2img", prompt: "p".repeat(300), negativePrompt: "", width: 8, height: 6, infotext: "i".repeat(300) });
  await client.image.createMany({ data: Array.from({ length: n }, (_, i) => row(i)) });
  await client.$disconnect();
  const bytes = fs.readFileSync(dbFile);
  for (let i = 2 * 4096; i < bytes.length - 4096; i++) bytes[i] = (i * 31) & 0xff;
  fs.writeFileSync(dbFile, bytes);
}

/** Images in the outputs folder, each with its infotext, as earlier generations left them. */
async function outputImages(prompts: string[]): Promise<void> {
  const png = await tinyPng();
  const folder = path.join(outputs, "txt2img-images", "2026-01-02");
  fs.mkdirSync(folder, { recursive: true });
  prompts.forEach((prompt, i) => {
    fs.writeFileSync(path.join(folder, `0000${i}-${i}.png`), writePngText(png, { parameters: `${prompt}\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: ${i}, Size: 8x6` }));
  });
}

const asideFiles = () => fs.readdirSync(path.dirname(dbFile)).filter((name) => name.startsWith("onyx.db.corrupt-"));

// Each case migrates and damages real SQLite files through Prisma's engine; on the shared 2-core machine
// under load the first one (which also loads the engine) has taken more than the default minute.
describe("history database checks", { timeout: 240_000 }, () => {
  it("finds a sound file sound, and reports damage and a garbage header", async () => {
    ensureDatabase(dbFile);
    expect(checkDatabaseFile(dbFile)).toBeNull();
    expect(checkDatabaseFile(path.join(dir, "absent.db"))).toBeNull();
    await damagedDatabase(200);
    expect(checkDatabaseFile(dbFile)).toMatch(/^SQLITE_CORRUPT/);
    fs.writeFileSync(dbFile, Buffer.alloc(8192, 0x41));
    expect(checkDatabaseFile(dbFile)).toBe("SQLITE_NOTADB: file is not a database");
  });

  it("at start, keeps a damaged file aside with a timestamp, starts a fresh one and re-imports the outputs folder", async () => {
    await damagedDatabase(200);
    const damaged = fs.readFileSync(dbFile);
    await outputImages(["a castle", "a river", "a lighthouse"]);
    expect(prepareHistoryDatabase(dbFile, new Date(Date.UTC(2026, 11, 1, 22, 10, 11)))).toBe(true);
    expect(asideFiles()).toEqual(["onyx.db.corrupt-20261201-221011"]);
    expect(fs.readFileSync(path.join(path.dirname(dbFile), "onyx.db.corrupt-20261201-221011")).equals(damaged)).toBe(true);
    expect(checkDatabaseFile(dbFile)).toBeNull();
    expect(historyStatus()).toMatchObject({ available: true, recovery: { reason: expect.stringMatching(/^SQLITE_CORRUPT/), keptAs: "onyx.db.corrupt-20261201-221011", reimported: null } });
    expect(historyNotice()).toContain("being re-imported");

    await reconcileInBackground();
    expect(historyStatus().recovery?.reimported).toBe(3);
    expect(historyNotice()).toMatch(/^The history database was damaged \(SQLITE_CORRUPT.*\)\. It was kept as onyx\.db\.corrupt-20261201-221011 and a new one was started; 3 images were re-imported from the outputs folder\.$/);
    const prompts = (await historyDb().image.findMany({ orderBy: { path: "asc" } })).map((row) => row.prompt);
    expect(prompts).toEqual(["a castle", "a river", "a lighthouse"]);
  });

  it("a sound database is left alone and gets no notice", async () => {
    ensureDatabase(dbFile);
    expect(prepareHistoryDatabase(dbFile)).toBe(false);
    expect(asideFiles()).toEqual([]);
    expect(historyStatus()).toEqual({ available: true, reason: null, recovery: null });
    expect(historyNotice()).toBeNull();
  });

  it("a database that cannot be created makes the history unavailable, not the process fail", async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "data"), "a file where the data folder should be");
    expect(prepareHistoryDatabase(dbFile)).toBe(false);
    const status = historyStatus();
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/ENOTDIR|EEXIST/);
    expect(status.reason).not.toContain(dir);
    const refused = await withHistory(async () => "never runs").catch((e) => e);
    expect(isHistoryUnavailable(refused)).toBe(true);
  });

  it("damage found by a query makes the history unavailable, then recovers it and re-imports the images", async () => {
    ensureDatabase(dbFile);
    await outputImages(["a forest", "a city"]);
    await reconcileInBackground();
    expect(await historyDb().image.count()).toBe(2);
    await closeHistoryDb();
    await damagedDatabase(200);

    const failed = await withHistory(() => historyDb().image.findMany()).catch((e) => e);
    expect(isHistoryUnavailable(failed)).toBe(true);
    expect(failed.message).toMatch(/^the history is unavailable: SQLITE_CORRUPT/);
    const deadline = Date.now() + 10_000;
    while (!(historyStatus().available && historyStatus().recovery?.reimported !== null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(historyStatus()).toMatchObject({ available: true, recovery: { reimported: 2 } });
    expect(asideFiles()).toHaveLength(1);
    expect(await withHistory(() => historyDb().image.count())).toBe(2);
  });
});
