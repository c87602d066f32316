import { describe, expect, it } from "vitest";
import { getLearnedConditioningPromptSchedules, scheduleEntryAtStep } from "@/lib/prompts";

const g = (prompt: string, steps = 10, hiresSteps?: number, old = false) =>
  getLearnedConditioningPromptSchedules([prompt], steps, hiresSteps, old)[0];

describe("prompt editing schedules (docs/a1111/prompts.md#prompt-editing, docs/a1111/prompts.md#conditioning-schedules)", () => {
  it("reproduces A1111 v1.10.1's doctests", () => {
    expect(g("test")).toEqual([[10, "test"]]);
    expect(g("a [b:3]")).toEqual([[3, "a "], [10, "a b"]]);
    expect(g("a [b: 3]")).toEqual([[3, "a "], [10, "a b"]]);
    expect(g("a [[[b]]:2]")).toEqual([[2, "a "], [10, "a [[b]]"]]);
    expect(g("[(a:2):3]")).toEqual([[3, ""], [10, "(a:2)"]]);
    expect(g("a [b : c : 1] d")).toEqual([[1, "a b  d"], [10, "a  c  d"]]);
    expect(g("a[b:[c:d:2]:1]e")).toEqual([[1, "abe"], [2, "ace"], [10, "ade"]]);
    expect(g("a [unbalanced")).toEqual([[10, "a [unbalanced"]]);
    expect(g("a [b:.5] c")).toEqual([[5, "a  c"], [10, "a b c"]]);
    expect(g("((a][:b:c [d:3]")).toEqual([[3, "((a][:b:c "], [10, "((a][:b:c d"]]);
    expect(g("[a|(b:1.1)]")).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => [s, s % 2 ? "a" : "(b:1.1)"]));
    expect(g("[fe|]male")).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => [s, s % 2 ? "female" : "male"]));
    expect(g("[fe|||]male")).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => [s, s % 4 === 1 ? "female" : "male"]));
    expect(g("a [b:.5] c", 10, 10)).toEqual([[10, "a b c"]]);
    expect(g("a [b:1.5] c", 10, 10)).toEqual([[5, "a  c"], [10, "a b c"]]);
  });

  it("reads `when` with a decimal point as a fraction, without as a step, capped at steps (docs/a1111/quirks.md#q7)", () => {
    const switchAt = (when: string) => g(`[a:b:${when}]`, 20);
    expect(switchAt("0.5")).toEqual([[10, "a"], [20, "b"]]);
    expect(switchAt("10")).toEqual([[10, "a"], [20, "b"]]);
    expect(switchAt("1")).toEqual([[1, "a"], [20, "b"]]);
    expect(switchAt("1.0")).toEqual([[20, "a"]]);
    expect(switchAt("25")).toEqual([[20, "a"]]);
    expect(switchAt("2.5")).toEqual([[20, "a"]]);
    for (const ignored of ["0", "0.0", "-1"]) expect(switchAt(ignored)).toEqual([[20, "b"]]);
  });

  it("accepts whitespace around `when`, signs and exponents", () => {
    expect(g("[a:b: 5 ]", 20)).toEqual([[5, "a"], [20, "b"]]);
    expect(g("[a:b:+5]", 20)).toEqual([[5, "a"], [20, "b"]]);
    expect(g("[a:b:1e1]", 20)).toEqual([[10, "a"], [20, "b"]]); // no point: absolute int(10.0)
    expect(g("[a:b:5e-1]", 20)).toEqual([[20, "b"]]); // int(0.5) = 0: ignored
    expect(g("[a:b:.25e1]", 4)).toEqual([[4, "a"]]); // fraction 2.5 · 4 = 10 → capped: never switches
  });

  it("supports [from::when] and [to:when]", () => {
    expect(g("x [a::3] y")).toEqual([[3, "x a y"], [10, "x  y"]]);
    expect(g("x [a:3] y")).toEqual([[3, "x  y"], [10, "x a y"]]);
  });

  it("counts hires integers from the first pass start and hires fractions over 1..2", () => {
    expect(g("[a:b:15]", 10, 10)).toEqual([[5, "a"], [10, "b"]]);
    expect(g("[a:b:5]", 10, 10)).toEqual([[10, "b"]]);
    expect(g("[a:b:1.5]", 20, 8)).toEqual([[4, "a"], [8, "b"]]);
  });

  it("old scheduling: < 1 is a fraction, ≥ 1 a step, on the first-pass timeline", () => {
    expect(g("[a:b:1.0]", 20, undefined, true)).toEqual([[1, "a"], [20, "b"]]);
    expect(g("[a:b:0.5]", 20, undefined, true)).toEqual([[10, "a"], [20, "b"]]);
    expect(g("[a:b:0.5]", 20, 8, true)).toEqual([[10, "a"], [20, "b"]]);
  });

  it("evaluates nested alternation with the same step (docs/a1111/quirks.md#q16)", () => {
    expect(g("[a|[b|c]]", 4)).toEqual([[1, "a"], [2, "c"], [3, "a"], [4, "c"]]);
  });

  it("uses unparseable prompts literally for all steps (docs/a1111/quirks.md#q8)", () => {
    for (const p of ["a [b:c", "[a:b:c:0.5]", "a [{b|d{:.5] c", "a | [b:c:2]", "[a:b:2] \\", "[a:b:1.5.5]"]) {
      expect(g(p)).toEqual([[10, p]]);
    }
  });

  it("tolerates stray brackets and colons at the top level and keeps escapes verbatim", () => {
    expect(g("a ) b: [c:d:2] (e")).toEqual([[2, "a ) b: c (e"], [10, "a ) b: d (e"]]);
    expect(g("\\[a:b:2\\]")).toEqual([[10, "\\[a:b:2\\]"]]);
    expect(g("[a\\:x:b:2]")).toEqual([[2, "a\\:x"], [10, "b"]]);
  });

  it("returns one schedule per prompt, duplicates included", () => {
    const s = getLearnedConditioningPromptSchedules(["x", "[a:b:2]", "x"], 4);
    expect(s).toEqual([[[4, "x"]], [[2, "a"], [4, "b"]], [[4, "x"]]]);
  });
});

describe("schedule lookup by model-call counter (docs/a1111/quirks.md#q6)", () => {
  it("uses the first entry with endAtStep ≥ k, so `from` gets when + 1 calls", () => {
    const schedule = g("[a:b:10]", 20).map(([endAtStep, text]) => ({ endAtStep, text }));
    const texts = Array.from({ length: 20 }, (_, k) => scheduleEntryAtStep(schedule, k).text);
    expect(texts.filter((t) => t === "a").length).toBe(11);
    expect(texts.filter((t) => t === "b").length).toBe(9);
    expect(scheduleEntryAtStep(schedule, 25).text).toBe("a"); // past the end: A1111 falls back to index 0
  });
});
