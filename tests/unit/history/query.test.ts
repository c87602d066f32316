import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageFields } from "@/lib/history/image-fields";
import { recordImage } from "@/lib/history/record";
import { deleteHistoryImage, ftsMatchExpression, getHistoryImage, searchHistory, setFavourite, type HistoryQuery } from "@/lib/history/query";
import type { ImageKind } from "@/lib/images/output-naming";
import { createTempHistory, tinyPng, type TempHistory } from "./temp-history";

let h: TempHistory;
/** Label → id of the seeded images. */
const ids: Record<string, number> = {};

interface Seed {
  label: string;
  kind: ImageKind;
  day: number; // July 2024, local noon
  fields: ImageFields;
}

const seeds: Seed[] = [
  { label: "cat", kind: "txt2img", day: 1, fields: { prompt: "a red cat on a sofa", sampler: "Euler a", modelName: "sd15", modelHash: "aaaa1111" } },
  { label: "catalog", kind: "txt2img", day: 2, fields: { prompt: "product catalog photo", sampler: "DPM++ 2M", modelName: "sd15", modelHash: "aaaa1111" } },
  { label: "dog", kind: "img2img", day: 3, fields: { prompt: "a dog, red collar", sampler: "Euler a", modelName: "dreamshaper", modelHash: "bbbb2222" } },
  { label: "redcat-grid", kind: "grid", day: 4, fields: { prompt: "red cat", sampler: "DDIM", modelName: "dreamshaper", modelHash: "bbbb2222" } },
  { label: "extras", kind: "extras", day: 5, fields: { extensionFields: { extras: "Postprocess upscale by: 2, Postprocess upscaler: Lanczos" } } },
  { label: "café", kind: "txt2img", day: 6, fields: { prompt: "Café au lait, (watercolor:1.3)", sampler: "Euler a", modelName: "sd15", modelHash: "aaaa1111" } },
];

beforeAll(async () => {
  h = createTempHistory();
  for (const [i, seed] of seeds.entries()) {
    const saved = await recordImage(
      {
        png: await tinyPng(),
        text: { parameters: seed.fields.prompt ?? "" },
        naming: { kind: seed.kind, seed: i, date: new Date(2024, 6, seed.day, 12) },
        fields: { seed: i, ...seed.fields },
      },
      { outputs: h.outputs, client: h.client },
    );
    ids[seed.label] = saved.id;
  }
});
afterAll(() => h.dispose());

async function labels(query: HistoryQuery): Promise<string[]> {
  const page = await searchHistory({ limit: 100, ...query }, h.client);
  const byId = Object.fromEntries(Object.entries(ids).map(([label, id]) => [id, label]));
  expect(page.total).toBe(page.items.length);
  return page.items.map((item) => byId[item.id]);
}

describe("ftsMatchExpression", () => {
  it("quotes every word, adds a prefix star and ANDs them", () => {
    expect(ftsMatchExpression("red  cat")).toBe('"red"* AND "cat"*');
    expect(ftsMatchExpression('say "hi"')).toBe('"say"* AND """hi"""*');
    expect(ftsMatchExpression("  ( ) : ")).toBeUndefined();
  });
});

describe("searchHistory", () => {
  it("lists everything newest first by default, oldest first with sort=asc", async () => {
    expect(await labels({})).toEqual(["café", "extras", "redcat-grid", "dog", "catalog", "cat"]);
    expect(await labels({ sort: "asc" })).toEqual(["cat", "catalog", "dog", "redcat-grid", "extras", "café"]);
  });

  it("finds prompt words by prefix, all words required, case- and accent-insensitively", async () => {
    expect(await labels({ q: "cat" })).toEqual(["redcat-grid", "catalog", "cat"]);
    expect(await labels({ q: "red cat" })).toEqual(["redcat-grid", "cat"]);
    expect(await labels({ q: "RED" })).toEqual(["redcat-grid", "dog", "cat"]);
    expect(await labels({ q: "cafe" })).toEqual(["café"]);
    expect(await labels({ q: "(watercolor:1.3)" })).toEqual(["café"]);
    expect(await labels({ q: "horse" })).toEqual([]);
    // An Extras result by a word of its extras text (docs/history.md#extras-results).
    expect(await labels({ q: "lanczos" })).toEqual(["extras"]);
    expect(await labels({ q: "postprocess upscaler" })).toEqual(["extras"]);
  });

  it("treats FTS syntax in user input as plain words", async () => {
    expect(await labels({ q: 'cat" OR "dog' })).toEqual([]);
    expect(await labels({ q: "red NEAR cat*" })).toEqual([]);
    expect(await labels({ q: "prompt:red" })).toEqual([]); // no column filter: "prompt" is a word here
    expect(await labels({ q: '"' })).toHaveLength(6); // nothing searchable: no text filter
  });

  it("filters by kind, model (name or hash), sampler, date range and favourite", async () => {
    expect(await labels({ kind: "img2img" })).toEqual(["dog"]);
    expect(await labels({ kind: "grid" })).toEqual(["redcat-grid"]);
    expect(await labels({ kind: "extras" })).toEqual(["extras"]);
    expect(await labels({ model: "sd15" })).toEqual(["café", "catalog", "cat"]);
    expect(await labels({ model: "bbbb2222" })).toEqual(["redcat-grid", "dog"]);
    expect(await labels({ sampler: "Euler a" })).toEqual(["café", "dog", "cat"]);
    expect(await labels({ from: new Date(2024, 6, 2), to: new Date(2024, 6, 4) })).toEqual(["dog", "catalog"]);
    expect(await labels({ from: new Date(2024, 6, 4, 12) })).toEqual(["café", "extras", "redcat-grid"]); // inclusive
    expect(await labels({ to: new Date(2024, 6, 2, 12) })).toEqual(["cat"]); // exclusive
    expect(await labels({ q: "red", sampler: "Euler a", model: "sd15" })).toEqual(["cat"]);
    expect(await labels({ favourite: true })).toEqual([]);
  });

  it("pages with a cursor and with an offset, reporting the total", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchHistory({ limit: 4, cursor }, h.client);
      expect(page.total).toBe(6);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual([ids["café"], ids.extras, ids["redcat-grid"], ids.dog, ids.catalog, ids.cat]);
    const asc = await searchHistory({ limit: 2, sort: "asc" }, h.client);
    const asc2 = await searchHistory({ limit: 2, sort: "asc", cursor: asc.nextCursor! }, h.client);
    expect(asc2.items.map((i) => i.id)).toEqual([ids.dog, ids["redcat-grid"]]);
    const byOffset = await searchHistory({ limit: 2, offset: 2 }, h.client);
    expect(byOffset.items.map((i) => i.id)).toEqual([ids["redcat-grid"], ids.dog]);
    expect(byOffset.nextCursor).not.toBeNull();
  });

  it("returns JSON-ready items with a file URL", async () => {
    const item = (await getHistoryImage(ids.cat, h.client))!;
    expect(item).toMatchObject({ kind: "txt2img", prompt: "a red cat on a sofa", seed: 0, sampler: "Euler a", favourite: false });
    expect(item.url).toBe("/files/txt2img-images/2024-07-01/00000-0.png");
    expect(item.createdAt).toBe(new Date(2024, 6, 1, 12).toISOString());
    expect(JSON.parse(JSON.stringify(item))).toEqual(item);
    expect(await getHistoryImage(99999, h.client)).toBeNull();
  });
});

describe("favourite and delete", () => {
  it("toggles and sets the favourite flag, which the filter then sees", async () => {
    expect((await setFavourite(ids.dog, undefined, h.client))!.favourite).toBe(true);
    expect(await labels({ favourite: true })).toEqual(["dog"]);
    expect(await labels({ favourite: false })).toHaveLength(5);
    expect((await setFavourite(ids.dog, undefined, h.client))!.favourite).toBe(false);
    expect((await setFavourite(ids.dog, true, h.client))!.favourite).toBe(true);
    expect(await setFavourite(99999, true, h.client)).toBeNull();
  });

  it("deletes file, row and search entry; a file already gone is fine", async () => {
    const item = (await getHistoryImage(ids.catalog, h.client))!;
    const file = `${h.outputs}/${item.path}`;
    expect(fs.existsSync(file)).toBe(true);
    expect(await deleteHistoryImage(ids.catalog, { outputs: h.outputs, client: h.client })).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    expect(await getHistoryImage(ids.catalog, h.client)).toBeNull();
    expect(await labels({ q: "catalog" })).toEqual([]);
    const ftsRows = await h.client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ImageSearch" WHERE "ImageSearch" MATCH 'catalog'`;
    expect(Number(ftsRows[0].n)).toBe(0);

    const other = (await getHistoryImage(ids.extras, h.client))!;
    fs.rmSync(`${h.outputs}/${other.path}`);
    expect(await deleteHistoryImage(ids.extras, { outputs: h.outputs, client: h.client })).toBe(true);
    expect(await getHistoryImage(ids.extras, h.client)).toBeNull();
    const extrasRows = await h.client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ImageSearch" WHERE "ImageSearch" MATCH 'lanczos'`;
    expect(Number(extrasRows[0].n)).toBe(0);
    expect(await deleteHistoryImage(ids.extras, { outputs: h.outputs, client: h.client })).toBe(false);
  });
});
