import { describe, expect, it } from "vitest";
import { tokenizerFiles, trainMerges } from "@/lib/onnx/fixtures/tokenizer-files";

describe("fixture tokenizer files", () => {
  const files = tokenizerFiles();
  const vocab: Record<string, number> = JSON.parse(files["vocab.json"]);
  const lines = files["merges.txt"].trimEnd().split("\n");
  const merges = lines.slice(1).map((l) => l.split(" "));
  const size = Object.keys(vocab).length;

  it("has CLIP's layout: byte alphabet, the same with </w>, merges, then start and end tokens last", () => {
    // bytes_to_unicode order: "!" (byte 33) first, "ÿ" (255) last of the printable 188, then U+0100 for byte 0.
    expect(vocab["!"]).toBe(0);
    expect(vocab["ÿ"]).toBe(187);
    expect(vocab["\u0100"]).toBe(188);
    expect(vocab["Ġ"]).toBe(188 + 32); // the space byte, 33rd unprintable byte
    expect(vocab["!</w>"]).toBe(256);
    expect(size).toBe(512 + merges.length + 2);
    expect(vocab["<|startoftext|>"]).toBe(size - 2);
    expect(vocab["<|endoftext|>"]).toBe(size - 1);
    expect(new Set(Object.values(vocab)).size).toBe(size);
  });

  it("writes merges.txt in rank order, each merge built from earlier tokens", () => {
    expect(lines[0]).toBe("#version: 0.2");
    expect(merges.length).toBeGreaterThan(300);
    merges.forEach(([left, right], rank) => {
      expect(vocab[left + right]).toBe(512 + rank);
      expect(vocab[left]).toBeLessThan(512 + rank);
      expect(vocab[right]).toBeLessThan(512 + rank);
    });
    for (const word of ["photo", "cat", "dog", "castle", "portrait", "detailed", "landscape"]) expect(vocab[`${word}</w>`]).toBeGreaterThan(511);
  });

  it("trains BPE by pair frequency", () => {
    // "low" ×1, "lower" ×1, "lowest" ×1: "l o" and "o w" occur 3 times; ties go to the smaller pair.
    expect(trainMerges(["low", "lower", "lowest"], 2)).toEqual([["l", "o"], ["lo", "w"]]);
  });

  it("configures the special tokens as SD 1.x does", () => {
    const config = JSON.parse(files["tokenizer_config.json"]);
    const special = JSON.parse(files["special_tokens_map.json"]);
    expect(config.model_max_length).toBe(77);
    expect(config.do_lower_case).toBe(true);
    expect(config.pad_token).toBe("<|endoftext|>");
    expect(special.bos_token.content).toBe("<|startoftext|>");
    expect(special.eos_token.content).toBe("<|endoftext|>");
    expect(special.unk_token.content).toBe("<|endoftext|>");
  });
});
