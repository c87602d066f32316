import { describe, expect, it } from "vitest";
import { parsePromptAttention as parse } from "@/lib/prompts";

describe("parsePromptAttention (docs/a1111/prompts.md#attention)", () => {
  it("keeps plain text at weight 1", () => {
    expect(parse("normal text")).toEqual([["normal text", 1]]);
  });

  it("multiplies by 1.1 per round and 1/1.1 per square bracket, inner first, as doubles", () => {
    expect(parse("an (important) word")).toEqual([["an ", 1], ["important", 1.1], [" word", 1]]);
    expect(parse("((a))")).toEqual([["a", 1.1 * 1.1]]);
    expect(parse("((a))")[0][1]).toBe(1.2100000000000002);
    expect(parse("(((a)))")[0][1]).toBe(1.3310000000000004);
    expect(parse("[[a]]")[0][1]).toBe(0.8264462809917354);
    expect(parse("([a])")).toEqual([["a", 1]]);
  });

  it("reproduces A1111's docstring example exactly", () => {
    expect(parse("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).")).toEqual([
      ["a ", 1],
      ["house", 1.5730000000000004],
      [" ", 1.1],
      ["on", 1],
      [" a ", 1.1],
      ["hill", 0.55],
      [", sun, ", 1.1],
      ["sky", 1.4641000000000006],
      [".", 1.1],
    ]);
  });

  it("takes explicit weights with spaces and signs", () => {
    expect(parse("(a: 1.5 )")).toEqual([["a", 1.5]]);
    expect(parse("(a:-1)")).toEqual([["a", -1]]);
    expect(parse("(a:1.2:3)")).toEqual([["a:1.2", 3]]);
    expect(parse("(a:b)")).toEqual([["a:b", 1.1]]);
  });

  it("treats unmatched closers as text and applies unclosed openers at the end", () => {
    expect(parse("a)")).toEqual([["a)", 1]]);
    expect(parse("[a:1.5]")).toEqual([["a:1.5", 1 / 1.1]]);
    expect(parse("(unbalanced")).toEqual([["unbalanced", 1.1]]);
    expect(parse("a:1.5)")).toEqual([["a:1.5)", 1]]);
    // Open round groups first, then square ones: ([x → x·1.1·(1/1.1).
    expect(parse("[(x")).toEqual([["x", 1.1 * (1 / 1.1)]]);
  });

  it("handles escapes, including a lone backslash that is dropped", () => {
    expect(parse("\\(literal\\]")).toEqual([["(literal]", 1]]);
    expect(parse("a\\b")).toEqual([["ab", 1]]);
    expect(parse("\\\\")).toEqual([["\\", 1]]);
  });

  it("merges neighbours of equal weight and returns [['', 1]] for nothing", () => {
    expect(parse("(unnecessary)(parens)")).toEqual([["unnecessaryparens", 1.1]]);
    expect(parse("")).toEqual([["", 1]]);
    expect(parse("()")).toEqual([["", 1]]);
  });

  it("splits on whole-word BREAK, swallowing whitespace; inside brackets it gets weighted", () => {
    expect(parse("a BREAK b")).toEqual([["a", 1], ["BREAK", -1], ["b", 1]]);
    expect(parse("aBREAK b BREAKING")).toEqual([["aBREAK b BREAKING", 1]]);
    expect(parse("(a BREAK b)")).toEqual([["a", 1.1], ["BREAK", -1.1], ["b", 1.1]]);
  });

  it("raises on a weight Python cannot read as a float", () => {
    expect(() => parse("(a:1.5.5)")).toThrow();
  });
});
