// History at 10,000 images: reconcile (first run importing every file, second run idempotent), prompt
// searches with filters (p50/p95), and recording (file + row). Runs on a temporary DB and outputs
// folder. `npx tsx scripts/bench/history.ts` for a quick look.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { createHistoryClient, ensureDatabase } from "@/lib/history/db";
import { searchHistory, type HistoryQuery } from "@/lib/history/query";
import { reconcileOutputs } from "@/lib/history/reconcile";
import { recordImage } from "@/lib/history/record";
import { localDateFolder } from "@/lib/images/output-naming";
import { writePngText } from "@/lib/images/png-text";

const IMAGES = 10_000;
const SEARCHES = 200;
const RECORDS = 50;
const WORDS = ["cat", "dog", "castle", "forest", "portrait", "city", "night", "river", "dragon", "robot", "flower", "ocean", "mountain", "knight", "neon", "winter"];
const SAMPLERS = ["Euler a", "DPM++ 2M", "DDIM", "UniPC"];
const MODELS = ["sd15", "dreamshaper", "realistic"];
const KINDS = ["txt2img", "img2img"] as const;

/** Deterministic 32-bit LCG (Numerical Recipes constants): the same corpus on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function writeCorpus(outputs: string, png: Buffer, random: () => number): void {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const folders = new Map<string, number>();
  for (let i = 0; i < IMAGES; i++) {
    const kind = pick(KINDS);
    const day = new Date(2024, 0, 1 + Math.floor(random() * 60));
    const dir = path.join(outputs, `${kind}-images`, localDateFolder(day));
    if (!folders.has(dir)) fs.mkdirSync(dir, { recursive: true });
    const n = folders.get(dir) ?? 0;
    folders.set(dir, n + 1);
    const seed = Math.floor(random() * 2 ** 32);
    const prompt = Array.from({ length: 6 }, () => pick(WORDS)).join(", ");
    const infotext =
      `${prompt}\nNegative prompt: lowres\n` +
      `Steps: 20, Sampler: ${pick(SAMPLERS)}, Schedule type: Karras, CFG scale: 7, Seed: ${seed}, Size: 512x512, Model hash: 0123456789, Model: ${pick(MODELS)}`;
    const file = path.join(dir, `${String(n).padStart(5, "0")}-${seed}.png`);
    fs.writeFileSync(file, writePngText(png, { parameters: infotext }));
    fs.utimesSync(file, day, day);
  }
}

export async function benchHistory(): Promise<Record<string, number>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-bench-history-"));
  const dbFile = path.join(root, "onyx.db");
  const outputs = path.join(root, "outputs");
  const random = lcg(1234);
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#808080" } }).png().toBuffer();
  ensureDatabase(dbFile);
  const client = createHistoryClient(dbFile);
  try {
    writeCorpus(outputs, png, random);
    const reconcileImport = await time(() => reconcileOutputs({ outputs, client }));
    const reconcileAgain = await time(() => reconcileOutputs({ outputs, client }));
    const rows = await client.image.count();
    if (rows !== IMAGES) throw new Error(`expected ${IMAGES} rows after reconcile, found ${rows}`);

    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const searches: number[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const query: HistoryQuery = { q: `${pick(WORDS)} ${pick(WORDS).slice(0, 3)}`, limit: 50 };
      if (i % 2 === 0) query.sampler = pick(SAMPLERS);
      if (i % 3 === 0) query.model = pick(MODELS);
      if (i % 4 === 0) query.kind = pick(KINDS);
      if (i % 5 === 0) query.from = new Date(2024, 0, 15);
      searches.push(await time(() => searchHistory(query, client)));
    }
    searches.sort((a, b) => a - b);
    const browse: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      browse.push(
        await time(async () => {
          cursor = (await searchHistory({ limit: 100, cursor }, client)).nextCursor ?? undefined;
        }),
      );
    }
    browse.sort((a, b) => a - b);
    const records: number[] = [];
    for (let i = 0; i < RECORDS; i++) {
      records.push(
        await time(() =>
          recordImage(
            { png, text: { parameters: `bench ${i}\nSteps: 1, Sampler: Euler, Seed: ${i}` }, naming: { kind: "txt2img", seed: i }, fields: { prompt: `bench ${i}`, seed: i } },
            { outputs, client },
          ),
        ),
      );
    }
    records.sort((a, b) => a - b);
    return {
      "images": IMAGES,
      "reconcile import (ms)": reconcileImport,
      "reconcile again (ms)": reconcileAgain,
      "search+filters p50 (ms)": percentile(searches, 0.5),
      "search+filters p95 (ms)": percentile(searches, 0.95),
      "browse page p50 (ms)": percentile(browse, 0.5),
      "browse page p95 (ms)": percentile(browse, 0.95),
      "record image p50 (ms)": percentile(records, 0.5),
    };
  } finally {
    await client.$disconnect();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await benchHistory());
}
