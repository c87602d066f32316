// Ctrl+Up / Ctrl+Down on a prompt (docs/ui.md#prompt-editing): the text and the selection after each
// key press, for a plain word, a weighted block, old-style emphasis and an extra network.
import { describe, expect, it } from "vitest";
import { defaultOptions } from "@/lib/settings/options";
import { editAttention, type PromptSelection } from "@/app/ui/generation/edit-attention";

const options = defaultOptions();
const at = (text: string, start: number, end = start): PromptSelection => ({ text, start, end });
const up = (s: PromptSelection) => editAttention(s, true, options);
const down = (s: PromptSelection) => editAttention(s, false, options);

describe("editAttention", () => {
  it("weights the word under the caret and selects it", () => {
    expect(up(at("a cat, sky", 4))).toEqual({ text: "a (cat:1.1), sky", start: 3, end: 6 });
    expect(down(at("a cat, sky", 4))).toEqual({ text: "a (cat:0.9), sky", start: 3, end: 6 });
  });

  it("steps an existing weight by 0.1 from the caret anywhere in the block", () => {
    expect(up(at("a (cat:1.1), sky", 5))).toEqual({ text: "a (cat:1.2), sky", start: 3, end: 6 });
    expect(up(at("(cat:1.9)", 2))).toEqual({ text: "(cat:2.0)", start: 1, end: 4 });
    expect(down(at("(cat:0.1)", 2))).toEqual({ text: "(cat:0.0)", start: 1, end: 4 });
  });

  it("removes the parentheses when the weight comes back to 1.0", () => {
    expect(down(at("a (cat:1.1), sky", 4))).toEqual({ text: "a cat, sky", start: 2, end: 5 });
    expect(up(at("(cat:0.9)", 2))).toEqual({ text: "cat", start: 0, end: 3 });
  });

  it("weights a selection of several words, leaving out its trailing spaces", () => {
    expect(up(at("a red hat , sky", 2, 10))).toEqual({ text: "a (red hat:1.1) , sky", start: 3, end: 10 });
    expect(up(at("a (red hat:1.1) , sky", 3, 10))).toEqual({ text: "a (red hat:1.2) , sky", start: 3, end: 10 });
  });

  it("takes the word between delimiters, spaces and line breaks", () => {
    expect(up(at("best quality\nsky", 8))).toEqual({ text: "best (quality:1.1)\nsky", start: 6, end: 13 });
    expect(up(at("best quality\nsky", 14))).toEqual({ text: "best quality\n(sky:1.1)", start: 14, end: 17 });
  });

  it("rewrites old-style (( )) and [ ] emphasis as one weight, then steps it", () => {
    expect(up(at("((cat))", 3))).toEqual({ text: "(cat:1.3)", start: 1, end: 4 });
    expect(down(at("[cat]", 2))).toEqual({ text: "(cat:0.8)", start: 1, end: 4 });
    expect(up(at("(cat)", 2))).toEqual({ text: "(cat:1.2)", start: 1, end: 4 });
  });

  it("steps an extra network's multiplier by the extra-networks precision, keeping it at 1.0", () => {
    expect(up(at("x <lora:foo:0.8>", 9))).toEqual({ text: "x <lora:foo:0.85>", start: 3, end: 11 });
    expect(up(at("<lora:foo:0.95>", 7))).toEqual({ text: "<lora:foo:1.0>", start: 1, end: 9 });
  });

  it("follows the precision setting", () => {
    expect(editAttention(at("cat", 1), true, { ...options, keyedit_precision_attention: 0.05 })).toEqual({ text: "(cat:1.05)", start: 1, end: 4 });
  });

  it("changes nothing on an empty selection or a caret between delimiters", () => {
    expect(up(at("a   b", 2, 3))).toBeNull();
    expect(up(at("", 0))).toBeNull();
    expect(up(at("a, , b", 3))).toBeNull();
  });
});
