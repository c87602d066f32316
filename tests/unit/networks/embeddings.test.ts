// Textual-inversion embedding files and their use in prompts (docs/textual-inversion.md), with the fixture
// checkpoint's tokenizer: the file formats A1111 reads, loaded / skipped by vector width, matching on token ids
// (longest name first, negative prompts too), an embedding's vectors counting one token each in the chunks and the
// token counter (never split across chunks), and A1111's `TI hashes` value.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onyxPaths } from "@/lib/config";
import { extraNetworkCards } from "@/lib/networks/cards";
import { EmbeddingDatabase } from "@/lib/networks/embedding-database";
import { listEmbeddingFiles } from "@/lib/networks/embedding-files";
import { FIXTURE_EMBEDDING, FIXTURE_EMBEDDING_VECTORS, fixtureEmbeddingVectors } from "@/lib/networks/embedding-fixtures";
import { textualInversionHashes } from "@/lib/networks/embedding-hashes";
import { writeSafetensors } from "@/lib/networks/safetensors";
import { promptToChunks } from "@/lib/prompts/chunks";
import { promptTokenCount } from "@/lib/prompts/token-counter";
import { ClipTokenizer } from "@/lib/tokenizers/clip-tokenizer";

const WIDTH = 64;
let dir = "";
let tokenizer: ClipTokenizer;
const vectors = (count: number, width = WIDTH, value = 0.5) => ({ shape: [count, width], data: new Float32Array(count * width).fill(value) });

beforeAll(async () => {
  tokenizer = await ClipTokenizer.fromDirectory(path.join(onyxPaths().models, "Stable-diffusion/onyx-tiny/tokenizer"));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-embeddings-"));
  writeSafetensors(path.join(dir, "glint.safetensors"), { emb_params: vectors(2) });
  writeSafetensors(path.join(dir, "star.safetensors"), { "*": { shape: [WIDTH], data: new Float32Array(WIDTH).fill(1) } });
  writeSafetensors(path.join(dir, "star-glint.safetensors"), { clip_l: vectors(3) });
  writeSafetensors(path.join(dir, "wide.safetensors"), { emb_params: vectors(1, 1024) });
  writeSafetensors(path.join(dir, "pair.safetensors"), { clip_g: vectors(2, 1280), clip_l: vectors(2, 768) });
  writeSafetensors(path.join(dir, "two-terms.safetensors"), { a: vectors(1), b: vectors(1) });
  fs.writeFileSync(path.join(dir, "pickled.pt"), "not read");
  fs.writeFileSync(path.join(dir, "empty.safetensors"), "");
  fs.mkdirSync(path.join(dir, "sub"));
  // A sub-folder's file of a name already seen replaces it (A1111 walks a folder's files before its sub-folders).
  writeSafetensors(path.join(dir, "sub", "wide.safetensors"), { emb_params: vectors(4) });
  fs.mkdirSync(path.join(dir, ".hidden"));
  writeSafetensors(path.join(dir, ".hidden", "secret.safetensors"), { emb_params: vectors(1) });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const database = () => new EmbeddingDatabase(tokenizer, WIDTH, listEmbeddingFiles(dir));

describe("embedding files and the database", () => {
  it("reads emb_params, a single tensor of any name (1-D: one vector), clip_l alone, and the SDXL pair", () => {
    const files = Object.fromEntries(listEmbeddingFiles(dir).map((f) => [f.path.slice(dir.length + 1), f]));
    expect(Object.keys(files).sort()).toEqual(["glint.safetensors", "pair.safetensors", "pickled.pt", "star-glint.safetensors", "star.safetensors", "sub/wide.safetensors", "two-terms.safetensors", "wide.safetensors"]);
    expect(files["glint.safetensors"]).toMatchObject({ name: "glint", vectors: 2, shape: WIDTH, tensor: "emb_params", unreadable: null, step: null });
    expect(files["star.safetensors"]).toMatchObject({ vectors: 1, shape: WIDTH, tensor: "*" });
    expect(files["star-glint.safetensors"]).toMatchObject({ vectors: 3, shape: WIDTH, tensor: "clip_l" });
    expect(files["pair.safetensors"]).toMatchObject({ vectors: 2, shape: 2048, tensor: null, unreadable: null });
    expect(files["pickled.pt"].unreadable).toMatch(/not read/);
    expect(files["two-terms.safetensors"].unreadable).toMatch(/multiple terms/);
  });

  it("loads the embeddings of the model's width and skips the others with the reason", () => {
    const db = database();
    expect([...db.loaded.keys()]).toEqual(["glint", "star", "star-glint", "wide"]);
    expect(db.loaded.get("wide")!.vectorCount).toBe(4);
    expect(Object.fromEntries([...db.skipped].map(([name, s]) => [name, s.reason]))).toEqual({
      pair: "vector width 2048, the model's is 64",
      pickled: expect.stringMatching(/pickled/),
      "two-terms": expect.stringMatching(/multiple terms/),
    });
    expect(Array.from(db.loaded.get("glint")!.vectors())).toEqual(Array(2 * WIDTH).fill(0.5));
  });

  it("the Extra Networks panel's Textual Inversion cards are the loaded embeddings; a click inserts the name", () => {
    const cards = extraNetworkCards(1, false, database()).textualInversion;
    expect(cards.map((c) => [c.name, c.action])).toEqual(["glint", "star", "star-glint", "wide"].map((n) => [n, { insert: n }]));
  });

  it("matches names on token ids, the longest name first", () => {
    const db = database();
    const found = (text: string) => {
      const ids = tokenizer.encode(text);
      return ids.map((_, i) => db.match(ids, i)).filter(Boolean).map((m) => [m!.embedding.name, m!.tokenLength]);
    };
    expect(found("star-glint")).toEqual([["star-glint", tokenizer.encode("star-glint").length], ["glint", tokenizer.encode("glint").length]]);
    expect(found("STAR, glint")).toEqual([["star", tokenizer.encode("star").length], ["glint", tokenizer.encode("glint").length]]);
  });
});

describe("embeddings in chunks and the token counter", () => {
  it("the 2-vector fixture embedding counts 2 tokens and takes 2 places holding id 0", () => {
    const db = new EmbeddingDatabase(tokenizer, WIDTH, listEmbeddingFiles(onyxPaths().embeddings));
    expect(db.loaded.get(FIXTURE_EMBEDDING)?.vectorCount).toBe(FIXTURE_EMBEDDING_VECTORS);
    expect(Array.from(db.loaded.get(FIXTURE_EMBEDDING)!.vectors())).toEqual(Array.from(fixtureEmbeddingVectors(WIDTH)));
    const { chunks, tokenCount } = promptToChunks(tokenizer, `a ${FIXTURE_EMBEDDING} cat`, { embeddings: db });
    expect(tokenCount).toBe(4);
    expect(Array.from(chunks[0].ids.slice(0, 6))).toEqual([tokenizer.bosId, tokenizer.encode("a")[0], 0, 0, tokenizer.encode("cat")[0], tokenizer.eosId]);
    expect(chunks[0].fixes).toEqual([{ position: 2, embedding: db.loaded.get(FIXTURE_EMBEDDING) }]);
    expect(promptToChunks(tokenizer, `a ${FIXTURE_EMBEDDING} cat`).tokenCount).toBe(2 + tokenizer.encode(FIXTURE_EMBEDDING).length);
    for (const isPositive of [true, false]) expect(promptTokenCount(tokenizer, `a (${FIXTURE_EMBEDDING}:1.2) cat`, { steps: 20, isPositive, embeddings: db })).toEqual({ count: 4, limit: 75 });
  });

  it("an embedding that does not fit the chunk starts the next one, with its weight", () => {
    const db = database();
    const { chunks, tokenCount } = promptToChunks(tokenizer, `${Array(74).fill("cat").join(" ")} (glint:1.5)`, { embeddings: db });
    expect(chunks).toHaveLength(2);
    expect(chunks[0].fixes).toEqual([]);
    expect(chunks[1].fixes.map((f) => [f.position, f.embedding.name])).toEqual([[1, "glint"]]);
    expect(Array.from(chunks[1].weights.slice(0, 4))).toEqual([1, 1.5, 1.5, 1]);
    expect(tokenCount).toBe(75 + 2);
    expect(promptTokenCount(tokenizer, `${Array(73).fill("cat").join(" ")} glint`, { steps: 20, isPositive: true, embeddings: db })).toEqual({ count: 75, limit: 75 });
  });
});

describe("A1111's comma backtracking with an embedding (docs/textual-inversion.md#chunks)", () => {
  it("moves the embedding's places to the next chunk but leaves its vectors with the chunk it left", () => {
    const db = database();
    const { chunks } = promptToChunks(tokenizer, `${Array(72).fill("cat").join(" ")}, glint dog`, { embeddings: db });
    expect(chunks[0].fixes.map((f) => f.position)).toEqual([74]);
    expect(chunks[0].ids[74]).toBe(tokenizer.eosId);
    expect(chunks[1].fixes).toEqual([]);
    expect(Array.from(chunks[1].ids.slice(0, 4))).toEqual([tokenizer.bosId, 0, 0, tokenizer.encode("dog")[0]]);
  });
});

describe("TI hashes", () => {
  const sha12 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 12);
  const hashes = (prompts: string[], negatives: string[]) => textualInversionHashes(database(), tokenizer, {}, { prompts, negatives, steps: 20 });

  it("names the embeddings the prompts use, the positive prompt's before the negative's, as A1111 writes them", () => {
    const glint = `glint: ${sha12(path.join(dir, "glint.safetensors"))}`;
    const star = `star: ${sha12(path.join(dir, "star.safetensors"))}`;
    expect(hashes(["a cat"], [""])).toBeNull();
    expect(hashes(["a glint cat, glint"], [""])).toBe(glint);
    expect(hashes(["a cat"], ["star"])).toBe(star);
    expect(hashes(["a glint cat"], ["star"])).toBe(`${glint}, ${star}`);
    // A1111 lists an embedding again for each encoder call that uses it.
    expect(hashes(["glint AND star"], ["glint"])).toBe(`${star}, ${glint}, ${glint}`);
  });
});
