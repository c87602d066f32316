import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ClipTokenizer } from "@/lib/tokenizers/clip-tokenizer";
import { BytePairEncoder } from "@/lib/tokenizers/bpe";
import { htmlUnescape } from "@/lib/tokenizers/clean-text";
import { sharedData } from "../../setup/shared-data";

const clipDir = sharedData("clip");
const vocab = JSON.parse(readFileSync(path.join(clipDir, "vocab.json"), "utf8")) as Record<string, number>;
const id = (token: string) => {
  const v = vocab[token];
  if (v === undefined) throw new Error(`not in vocab: ${token}`);
  return v;
};

let clip: ClipTokenizer;
beforeAll(async () => {
  clip = await ClipTokenizer.fromDirectory(clipDir);
});

function writeFixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "onyx-tok-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("ClipTokenizer on the real CLIP ViT-L/14 files", () => {
  it("tokenises the documented example to the published ids", () => {
    const ids = clip.encodeForModel("a photo of a cat");
    expect(Array.from(ids.slice(0, 7))).toEqual([49406, 320, 1125, 539, 320, 2368, 49407]);
    expect(ids.length).toBe(77);
    expect(Array.from(ids.slice(7)).every((x) => x === 49407)).toBe(true);
    expect([clip.bosId, clip.eosId, clip.padId, clip.maxLength]).toEqual([49406, 49407, 49407, 77]);
  });

  it("matches vocab.json look-ups word by word", () => {
    expect(clip.encode("a photo of a cat")).toEqual(["a</w>", "photo</w>", "of</w>", "a</w>", "cat</w>"].map(id));
  });

  it("lower-cases before tokenising", () => {
    expect(clip.encode("A PHOTO Of A Cat")).toEqual(clip.encode("a photo of a cat"));
  });

  it("splits punctuation from words", () => {
    expect(clip.encode("cat, dog!")).toEqual(["cat</w>", ",</w>", "dog</w>", "!</w>"].map(id));
    expect(clip.commaId).toBe(id(",</w>"));
  });

  it("takes digits one at a time and keeps contractions apart", () => {
    expect(clip.encode("42")).toEqual(["4</w>", "2</w>"].map(id));
    expect(clip.encode("it's")).toEqual(["it</w>", "'s</w>"].map(id));
  });

  it("collapses whitespace and unescapes html entities (twice, as CLIP does)", () => {
    expect(clip.encode("  a \n\t photo   ")).toEqual(clip.encode("a photo"));
    expect(clip.encode("salt &amp; pepper")).toEqual(["salt</w>", "&</w>", "pepper</w>"].map(id));
    expect(clip.encode("salt &amp;amp; pepper")).toEqual(clip.encode("salt & pepper"));
    expect(htmlUnescape("&lt;x&gt; &#233; &#x1F431; &bogus;")).toBe("<x> é 🐱 &bogus;");
  });

  it("passes accents, CJK and emoji through the byte alphabet without loss", () => {
    for (const text of ["café naïve", "猫と犬", "🐱🚀", "ñandú über straße"]) {
      const ids = clip.encode(text);
      expect(ids.every((x) => x !== clip.eosId)).toBe(true); // nothing fell back to the unknown token
      expect(clip.decode(ids)).toBe(text);
    }
  });

  it("truncates to 75 tokens between start and end and pads to 77", () => {
    const ids = clip.encodeForModel(Array(100).fill("cat").join(" "));
    expect(ids.length).toBe(77);
    expect(ids[0]).toBe(49406);
    expect(Array.from(ids.slice(1, 76)).every((x) => x === id("cat</w>"))).toBe(true);
    expect(ids[76]).toBe(49407);
    expect(clip.encode(Array(100).fill("cat").join(" ")).length).toBe(100);
  });
});

describe("ClipTokenizer on a fixture vocabulary", () => {
  const vocabulary = { "!": 0, a: 1, b: 2, c: 3, "a</w>": 4, "b</w>": 5, "c</w>": 6, "ab": 7, "bc</w>": 8, "abc</w>": 9, "<|startoftext|>": 10, "<|endoftext|>": 11 };

  it("merges the lowest-ranked pair first", () => {
    expect(new BytePairEncoder([["b", "c</w>"], ["a", "b"]]).encodeWord("abc")).toEqual(["a", "bc</w>"]);
    expect(new BytePairEncoder([["a", "b"], ["b", "c</w>"]]).encodeWord("abc")).toEqual(["ab", "c</w>"]);
    expect(new BytePairEncoder([["a", "b"], ["ab", "c</w>"]]).encodeWord("abc")).toEqual(["abc</w>"]);
  });

  it("reads start/end ids from vocab.json and pads with the end token by default (SD1)", async () => {
    const dir = writeFixture({ "vocab.json": JSON.stringify(vocabulary), "merges.txt": "#version: 0.2\na b\nab c</w>\n" });
    const tok = await ClipTokenizer.fromDirectory(dir);
    expect([tok.bosId, tok.eosId, tok.padId]).toEqual([10, 11, 11]);
    expect(tok.encode("abc ba")).toEqual([9, 2, 4]);
    expect(Array.from(tok.encodeForModel("abc").slice(0, 5))).toEqual([10, 9, 11, 11, 11]);
  });

  it("pads with the configured pad token after the end token (SD2 / OpenCLIP)", async () => {
    const dir = writeFixture({
      "vocab.json": JSON.stringify(vocabulary),
      "merges.txt": "#version: 0.2\na b\n",
      "special_tokens_map.json": JSON.stringify({ pad_token: { content: "!" }, eos_token: "<|endoftext|>" }),
      "tokenizer_config.json": JSON.stringify({ pad_token: "<|endoftext|>", model_max_length: 77 }),
    });
    const tok = await ClipTokenizer.fromDirectory(dir);
    expect(tok.padId).toBe(0);
    const ids = tok.encodeForModel("a");
    expect(Array.from(ids.slice(0, 4))).toEqual([10, 4, 11, 0]);
    expect(Array.from(ids.slice(3)).every((x) => x === 0)).toBe(true);
  });

  it("names the missing file", async () => {
    const dir = writeFixture({ "vocab.json": JSON.stringify(vocabulary) });
    await expect(ClipTokenizer.fromDirectory(dir)).rejects.toThrow(/merges\.txt/);
  });
});
