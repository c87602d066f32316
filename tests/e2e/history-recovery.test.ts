// A damaged history database does not take the server down (docs/history.md): started on a file
// whose pages are garbage (header intact) and then on one whose header is garbage, the server starts
// without a stack trace, generates, keeps the damaged file aside with a timestamp and re-imports the
// outputs folder's images into a fresh database; the History tab says what happened.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createHistoryClient, ensureDatabase } from "@/lib/history/db";
import { writePngText } from "@/lib/images/png-text";
import { openApp } from "./app-page";
import { sharedBrowser } from "./browser";
import { postOk } from "./sdapi";
import { startExtraServer, type ExtraServer } from "../setup/extra-server";

const runDir = inject("runDir");
const dir = path.join(runDir, "history-recovery");
const dbFile = path.join(dir, "data", "onyx.db");
const browser = sharedBrowser();
const PROMPTS = ["a castle on a hill", "a river at night", "a lighthouse in fog"];

async function writeOutputs(): Promise<void> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#335577" } }).png().toBuffer();
  const folder = path.join(dir, "outputs", "txt2img-images", "2026-01-02");
  fs.mkdirSync(folder, { recursive: true });
  PROMPTS.forEach((prompt, i) => {
    const infotext = `${prompt}\nNegative prompt: blur\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: ${100 + i}, Size: 16x16`;
    fs.writeFileSync(path.join(folder, `0000${i}-${100 + i}.png`), writePngText(png, { parameters: infotext }));
  });
}

/** A real history database with rows, then every page after the first two overwritten (the SQLite header survives). */
async function damagedDatabase(): Promise<void> {
  ensureDatabase(dbFile);
  const client = createHistoryClient(dbFile);
  const row = (i: number) => ({ path: `txt2img-images/old/${i}.png`, kind: "txt2img", prompt: "p".repeat(400), negativePrompt: "", width: 8, height: 8, infotext: "i".repeat(400) });
  await client.image.createMany({ data: Array.from({ length: 300 }, (_, i) => row(i)) });
  await client.$disconnect();
  const bytes = fs.readFileSync(dbFile);
  expect(bytes.subarray(0, 16).toString("latin1")).toBe("SQLite format 3\0");
  for (let i = 2 * 4096; i < bytes.length - 4096; i++) bytes[i] = (i * 31) & 0xff;
  fs.writeFileSync(dbFile, bytes);
}

const aside = () => fs.readdirSync(path.dirname(dbFile)).filter((name) => /^onyx\.db\.corrupt-\d{8}-\d{6}(-\d+)?$/.test(name));

async function historyAfterReimport(url: string): Promise<{ total: number; notice: string; items: Array<{ prompt: string }> }> {
  let page: { total: number; notice: string; items: Array<{ prompt: string }> } | undefined;
  await expect
    .poll(async () => {
      const res = await fetch(`${url}/api/history`);
      page = res.ok ? await res.json() : undefined;
      return page?.notice ?? "";
    }, { timeout: 60_000 })
    .toMatch(/3 images were re-imported from the outputs folder\.$/);
  return page!;
}

describe("a damaged history database", () => {
  let server: ExtraServer;
  beforeAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await writeOutputs();
    await damagedDatabase();
    server = await startExtraServer({ offset: 6, dir });
  });
  afterAll(() => server?.stop());

  it("starts without a stack trace and generates", async () => {
    const answer = await postOk<{ images: string[] }>(`${server.url}/sdapi/v1/txt2img`, { prompt: "still works", steps: 2, width: 64, height: 64 });
    expect(answer.images).toHaveLength(1);
    expect(server.output()).toMatch(/history: onyx\.db is damaged \(SQLITE_CORRUPT/);
    expect(server.output()).not.toMatch(/^\s+at /m);
  });

  it("keeps the damaged file aside, re-imports the outputs into a fresh database and says so in the History tab", async () => {
    expect(aside()).toHaveLength(1);
    const history = await historyAfterReimport(server.url);
    expect(history.notice).toMatch(new RegExp(`^The history database was damaged \\(SQLITE_CORRUPT.*\\)\\. It was kept as ${aside()[0]} and a new one was started`));
    expect(history.total).toBe(3);
    expect(history.items.map((i) => i.prompt).sort()).toEqual([...PROMPTS].sort());

    const page = await openApp(browser(), server.url, "#history");
    try {
      await expect.poll(() => page.locator("#history_notice").textContent()).toMatch(/The history database was damaged .* 3 images were re-imported/);
      await expect.poll(() => page.locator("#history_total").getAttribute("data-total")).toBe("3");
    } finally {
      await page.close();
    }
  });

  it("survives a database whose header is garbage as well", async () => {
    await server.stop();
    fs.writeFileSync(dbFile, Buffer.alloc(64 * 1024, 0x41));
    server = await startExtraServer({ offset: 6, dir });
    expect(server.output()).toMatch(/history: onyx\.db is damaged \(SQLITE_NOTADB: file is not a database\)/);
    expect(server.output()).not.toMatch(/^\s+at /m);
    const history = await historyAfterReimport(server.url);
    expect(history.notice).toContain("(SQLITE_NOTADB: file is not a database)");
    expect(history.total).toBe(3);
    expect(aside().length).toBeGreaterThanOrEqual(1);
  });
});
