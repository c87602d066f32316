import { describe, expect, it } from "vitest";
import { getMulticondPromptSchedules, parseCompositePrompt } from "@/lib/prompts";

describe("parseCompositePrompt (docs/a1111/prompts.md#composable-prompts-and)", () => {
  it("splits on whole-word AND, keeps leading spaces, drops trailing ones", () => {
    expect(parseCompositePrompt("a cat AND a dog")).toEqual([["a cat", 1], [" a dog", 1]]);
    expect(parseCompositePrompt("SANDY ANDES and AND")).toEqual([["SANDY ANDES and", 1], ["", 1]]);
  });

  it("reads every weight form A1111's regex accepts", () => {
    expect(parseCompositePrompt("a:1 AND b:1. AND c :.5 AND d: -1 AND e:+2")).toEqual([
      ["a", 1], [" b", 1], [" c", 0.5], [" d", -1], [" e", 2],
    ]);
  });

  it("leaves a colon that is not a trailing number in the text", () => {
    expect(parseCompositePrompt("a:b AND (c:1.2) d")).toEqual([["a:b", 1], [" (c:1.2) d", 1]]);
  });

  it("schedules each part on its own", () => {
    expect(getMulticondPromptSchedules(["[a:b:2] AND c:0.5"], 4)).toEqual([
      [
        { schedule: [{ endAtStep: 2, text: "a" }, { endAtStep: 4, text: "b" }], weight: 1 },
        { schedule: [{ endAtStep: 4, text: " c" }], weight: 0.5 },
      ],
    ]);
  });
});
