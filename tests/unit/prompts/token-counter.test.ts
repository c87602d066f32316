// The prompt boxes' counter with the real CLIP ViT-L/14 tokenizer (../shared/data/clip).
import { beforeAll, describe, expect, it } from "vitest";
import { sharedData } from "../../setup/shared-data";
import { parseExtraNetworkTags } from "@/lib/networks/prompt-tags";
import { promptTokenCount } from "@/lib/prompts/token-counter";
import { ClipTokenizer } from "@/lib/tokenizers/clip-tokenizer";

let clip: ClipTokenizer;
beforeAll(async () => {
  clip = await ClipTokenizer.fromDirectory(sharedData("clip"));
});

const count = (text: string, isPositive = true) => promptTokenCount(clip, text, { steps: 20, isPositive });

describe("token counter", () => {
  it("counts CLIP tokens against the next multiple of 75", () => {
    expect(count("")).toEqual({ count: 0, limit: 75 });
    expect(count("a photo of a cat")).toEqual({ count: 5, limit: 75 });
    expect(count(Array(75).fill("cat").join(" "))).toEqual({ count: 75, limit: 75 });
    expect(count(Array(76).fill("cat").join(" "))).toEqual({ count: 76, limit: 150 });
    expect(count(Array(151).fill("cat").join(" "))).toEqual({ count: 151, limit: 225 });
  });
  it("a BREAK fills the chunk: the next tokens count from 75", () => {
    expect(count("a photo BREAK of a cat")).toEqual({ count: 78, limit: 150 });
  });
  it("a full chunk broken after a comma counts the moved words in the next chunk", () => {
    // 70 cats, a comma, then 10 more: the 10 move to chunk 2 → 75 + 10.
    const text = `${Array(70).fill("cat").join(" ")}, ${Array(10).fill("dog").join(" ")}`;
    expect(count(text)).toEqual({ count: 85, limit: 150 });
  });
  it("shows the longest AND part and the longest prompt-editing text; the negative prompt is not split on AND", () => {
    expect(count("a cat AND a very very big dog")).toEqual({ count: 5, limit: 75 });
    expect(count("a cat AND a very very big dog", false)).toEqual({ count: 8, limit: 75 });
    expect(count("[a small cat:a dog:5]")).toEqual({ count: 3, limit: 75 });
  });
  it("extra-network tags do not count and are cut out of the text", () => {
    expect(count("<lora:detail_tweaker:0.8> a cat <hypernet:x:1>")).toEqual({ count: 2, limit: 75 });
    const parsed = parseExtraNetworkTags("<lora:a:0.5> x <lora:b:1:0.2> <lyco:c>");
    expect(parsed.prompt).toBe(" x  ");
    expect(Object.fromEntries(parsed.tags)).toEqual({ lora: [["a", "0.5"], ["b", "1", "0.2"]], lyco: [["c"]] });
  });
});
