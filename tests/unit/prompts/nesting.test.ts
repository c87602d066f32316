import { describe, expect, it } from "vitest";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { parsePromptAttention } from "@/lib/prompts/attention";
import { MAX_PROMPT_NESTING, PromptNestingError, promptNestingDepth } from "@/lib/prompts/nesting";
import { parseSchedulePrompt } from "@/lib/prompts/schedule-syntax";

const nested = (depth: number, open = "(", close = ")") => `${open.repeat(depth)}x${close.repeat(depth)}`;

describe("prompt nesting depth", () => {
  it("counts open brackets as the attention parser keeps them", () => {
    expect(promptNestingDepth("a (b [c] d) e")).toBe(2);
    expect(promptNestingDepth("\\(\\(\\( escaped")).toBe(0);
    expect(promptNestingDepth("))) stray closers ((")).toBe(2);
    expect(promptNestingDepth("[)[)[)")).toBe(3); // `)` does not close a `[`
    expect(promptNestingDepth("(((")).toBe(3);
  });
});

describe("depth-limited prompt parsers", () => {
  it(`parse ${MAX_PROMPT_NESTING} levels exactly as before`, () => {
    const runs = parsePromptAttention(nested(MAX_PROMPT_NESTING));
    expect(runs).toHaveLength(1);
    let weight = 1;
    for (let i = 0; i < MAX_PROMPT_NESTING; i++) weight *= 1.1;
    expect(runs[0]).toEqual(["x", weight]);
    expect(parseSchedulePrompt(nested(MAX_PROMPT_NESTING, "[a:", ":0.5]"))).not.toBeNull();
  });

  it("refuse deeper prompts with PromptNestingError instead of overflowing the stack", () => {
    for (const prompt of [nested(MAX_PROMPT_NESTING + 1), nested(6000), "a(".repeat(50_000), nested(6000, "[a:", ":0.5]")]) {
      expect(() => parsePromptAttention(prompt)).toThrow(PromptNestingError);
      expect(() => parseSchedulePrompt(prompt)).toThrow(PromptNestingError);
    }
    expect(() => parsePromptAttention(nested(6000))).toThrow(`brackets nested 6000 levels deep; prompts may nest at most ${MAX_PROMPT_NESTING}`);
  });

  it("parse brackets that never close in linear time (each group is parsed once)", () => {
    const prompt = `${"(".repeat(MAX_PROMPT_NESTING)}${"word ".repeat(40_000)}`;
    const start = performance.now();
    expect(parseSchedulePrompt(prompt)).not.toBeNull();
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it("make generation requests with absurd nesting a validation error naming the field", () => {
    const refused = generationParamsSchema.safeParse({ prompt: "fine", negativePrompt: nested(5000, "[", "]") });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["negativePrompt", `brackets nested 5000 levels deep; prompts may nest at most ${MAX_PROMPT_NESTING}`],
    ]);
    expect(generationParamsSchema.safeParse({ prompt: nested(MAX_PROMPT_NESTING) }).success).toBe(true);
  });
});
