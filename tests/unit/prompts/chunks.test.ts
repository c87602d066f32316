import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { applyEmphasis, promptTokenLimit, promptToChunks, type PromptTokenizer } from "@/lib/prompts/chunks";
import { ClipTokenizer } from "@/lib/tokenizers/clip-tokenizer";
import { sharedData } from "../../setup/shared-data";

const vocab = JSON.parse(readFileSync(sharedData("clip", "vocab.json"), "utf8")) as Record<string, number>;
const BOS = 49406;
const EOS = 49407;
const CAT = vocab["cat</w>"];
const DOG = vocab["dog</w>"];
const COMMA = vocab[",</w>"];

let clip: ClipTokenizer;
beforeAll(async () => {
  clip = await ClipTokenizer.fromDirectory(sharedData("clip"));
});

const words = (word: string, n: number) => Array(n).fill(word).join(" ");
/** The 75 tokens between start and end, without end-token padding. */
const content = (ids: Int32Array) => Array.from(ids.slice(1, 76)).filter((x) => x !== EOS);

describe("promptToChunks (docs/a1111/prompts.md#chunks-of-75-tokens) with the real CLIP vocabulary", () => {
  it("wraps a short prompt as [start, tokens, end-padding, end] with weight 1", () => {
    const { chunks, tokenCount } = promptToChunks(clip, "a photo of a cat");
    expect(chunks.length).toBe(1);
    expect(Array.from(chunks[0].ids.slice(0, 7))).toEqual([BOS, 320, 1125, 539, 320, 2368, EOS]);
    expect(chunks[0].ids.length).toBe(77);
    expect(Array.from(chunks[0].ids.slice(6)).every((x) => x === EOS)).toBe(true);
    expect(Array.from(chunks[0].weights).every((w) => w === 1)).toBe(true);
    expect([tokenCount, promptTokenLimit(tokenCount)]).toEqual([5, 75]);
  });

  it("gives an empty prompt one chunk and a 0/75 counter", () => {
    const { chunks, tokenCount } = promptToChunks(clip, "");
    expect(Array.from(chunks[0].ids)).toEqual([BOS, ...Array(76).fill(EOS)]);
    expect([tokenCount, promptTokenLimit(tokenCount)]).toEqual([0, 75]);
  });

  it("carries attention weights per token as float32", () => {
    const { chunks } = promptToChunks(clip, "a (cat) [dog]");
    expect(Array.from(chunks[0].weights.slice(0, 5))).toEqual([1, 1, Math.fround(1.1), Math.fround(1 / 1.1), 1]);
  });

  it("starts a second chunk after 75 tokens", () => {
    const { chunks, tokenCount } = promptToChunks(clip, words("cat", 80));
    expect(chunks.map((c) => content(c.ids).length)).toEqual([75, 5]);
    expect([tokenCount, promptTokenLimit(tokenCount)]).toEqual([80, 150]);
  });

  it("moves the words after a comma within the last 20 tokens to the next chunk", () => {
    const { chunks, tokenCount } = promptToChunks(clip, `${words("cat", 70)}, ${words("dog", 10)}`);
    expect(content(chunks[0].ids)).toEqual([...Array(70).fill(CAT), COMMA]);
    expect(content(chunks[1].ids)).toEqual(Array(10).fill(DOG));
    expect(tokenCount).toBe(85);
  });

  it("does not backtrack when the comma is more than 20 tokens back, or when backtracking is off", () => {
    const far = promptToChunks(clip, `${words("cat", 50)}, ${words("dog", 30)}`).chunks;
    expect(content(far[0].ids)).toEqual([...Array(50).fill(CAT), COMMA, ...Array(24).fill(DOG)]);
    expect(content(far[1].ids)).toEqual(Array(6).fill(DOG));
    const off = promptToChunks(clip, `${words("cat", 70)}, ${words("dog", 10)}`, { commaPaddingBacktrack: 0 }).chunks;
    expect(content(off[0].ids)).toEqual([...Array(70).fill(CAT), COMMA, ...Array(4).fill(DOG)]);
  });

  it("closes the chunk at BREAK, but not at a weighted BREAK inside brackets", () => {
    const split = promptToChunks(clip, "cat BREAK dog");
    expect(split.chunks.map((c) => content(c.ids))).toEqual([[CAT], [DOG]]);
    expect(split.tokenCount).toBe(76);
    const literal = promptToChunks(clip, "(cat BREAK dog)").chunks;
    expect(literal.length).toBe(1);
    expect(content(literal[0].ids)).toEqual([CAT, vocab["break</w>"], DOG]);
    expect(literal[0].weights[2]).toBe(Math.fround(-1.1));
  });

  it("emphasis None tokenises brackets and BREAK literally; Ignore still parses them", () => {
    const none = promptToChunks(clip, "(cat) BREAK dog", { emphasis: "None" }).chunks;
    expect(none.length).toBe(1);
    expect(content(none[0].ids)).toEqual([vocab["(</w>"], CAT, vocab[")</w>"], vocab["break</w>"], DOG]);
    const ignore = promptToChunks(clip, "(cat) BREAK dog", { emphasis: "Ignore" }).chunks;
    expect(ignore.length).toBe(2);
    expect(ignore[0].weights[1]).toBe(Math.fround(1.1));
  });

  it("pads after the first end token with the pad token when it differs (SD2)", () => {
    const sd2: PromptTokenizer = { encode: (t) => clip.encode(t), bosId: BOS, eosId: EOS, padId: 0, commaId: COMMA };
    const ids = promptToChunks(sd2, "a cat").chunks[0].ids;
    expect(Array.from(ids.slice(0, 5))).toEqual([BOS, 320, CAT, EOS, 0]);
    expect(Array.from(ids.slice(4)).every((x) => x === 0)).toBe(true);
  });
});

describe("applyEmphasis", () => {
  // Two tokens of dim 2: z = [[1, 2], [3, 4]], weights [1, 2].
  const z0 = () => new Float32Array([1, 2, 3, 4]);
  const weights = new Float32Array([1, 2]);

  it("Original: weights each token, then restores the mean (2.5 / 4.25)", () => {
    const z = z0();
    applyEmphasis(z, weights, 2, "Original");
    const scale = 2.5 / 4.25; // mean before 10/4, after (1 + 2 + 6 + 8)/4
    [1, 2, 6, 8].forEach((v, i) => expect(z[i]).toBeCloseTo(v * scale, 6));
    expect((z[0] + z[1] + z[2] + z[3]) / 4).toBeCloseTo(2.5, 6);
  });

  it("No norm only weights; Ignore and None leave z alone", () => {
    const z = z0();
    applyEmphasis(z, weights, 2, "No norm");
    expect(Array.from(z)).toEqual([1, 2, 6, 8]);
    for (const mode of ["Ignore", "None"] as const) {
      const untouched = z0();
      applyEmphasis(untouched, weights, 2, mode);
      expect(Array.from(untouched)).toEqual([1, 2, 3, 4]);
    }
  });
});
