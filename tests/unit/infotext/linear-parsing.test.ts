// The infotext parser is linear in its input (docs/security.md#size-and-nesting-limits): the hand-written
// `re_param` scanner gives the regex's answers, and hostile lines — the 80,000-character line without
// commas that stalled the server, quotes that never close — parse in a time proportional to their length.
import { describe, expect, it } from "vitest";
import { paramItems, parseGenerationParameters } from "@/lib/infotext/parser";
import { parsePromptAttention } from "@/lib/prompts/attention";

// A1111's re_param as a JavaScript regex (quadratic on hostile input, exact on small input).
const RE_PARAM = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;
const regexItems = (line: string) => Array.from(line.matchAll(RE_PARAM), (m) => [m[1], m[2]]);

/** Deterministic pseudo-random lines over the characters that matter to the pattern. */
function* randomLines(count: number): Generator<string> {
  const alphabet = ["a", "b", "Z", "9", "_", " ", " ", ":", ":", ",", ",", '"', '"', "\\", "-", "/", "x", "é", "猫", "\t", ".", "😀"];
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < count; i++) {
    const length = next() % 40;
    yield Array.from({ length }, () => alphabet[next() % alphabet.length]).join("");
  }
}

/** Milliseconds to parse `text` (median of three runs, so one scheduling hiccup does not count). */
function parseMs(text: string): number {
  const times = [0, 1, 2].map(() => {
    const start = performance.now();
    parseGenerationParameters(text);
    return performance.now() - start;
  });
  return times.sort((a, b) => a - b)[1];
}

describe("re_param scanner", () => {
  it("finds exactly what the regex finds, on A1111's own lines and 20,000 random ones", () => {
    const lines = [
      'Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.0, Seed: 1, Size: 512x768, Model hash: 6ce0161689, Version: v1.10.1',
      'Steps: 4, Template: "a, \\"quoted\\" b", Lora hashes: "x: 1, y: 2", X Values: "2,3"',
      'Key:,Other: "unterminated, Third: 3',
      ' Spaced key : value ,Next:"",Last: "a"',
    ];
    for (const line of [...lines, ...randomLines(20_000)]) expect(paramItems(line), JSON.stringify(line)).toEqual(regexItems(line));
  });
});

describe("linear time", () => {
  it("parses a 1 MB infotext in well under a second", () => {
    const prompt = `a ${"very ".repeat(200_000)}long prompt`; // one line, no commas, no colons: what was quadratic
    expect(prompt.length).toBeGreaterThan(1_000_000);
    const fields = parseGenerationParameters(`${prompt}\nNegative prompt: x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 5, Size: 64x64`);
    expect(fields.Prompt).toBe(prompt);
    expect([fields.Steps, fields.Seed, fields["Size-1"]]).toEqual(["20", "5", "64"]);
    expect(parseMs(prompt)).toBeLessThan(500);
  });

  it("parses every hostile shape of 1 MB in seconds at most, where a quadratic scan takes minutes", () => {
    const n = 1_000_000;
    const shapes: Record<string, string> = {
      "one key run": "k".repeat(n),
      spaces: `a${" ".repeat(n)}b`,
      "unclosed quotes": 'k: "a, '.repeat(n / 7),
      escapes: `k: "${"\\\\\\".repeat(n / 3)}`,
      "many items": "key: value, ".repeat(n / 12),
      "BREAK and spaces": `${" ".repeat(n / 2)}BREAKX${" ".repeat(n / 2)}`,
    };
    // Bounded loosely: 80,000 items of "key: value" cost real work per item on a loaded machine.
    for (const [name, text] of Object.entries(shapes)) expect(parseMs(text), name).toBeLessThan(3000);
  });
});

describe("BREAK split", () => {
  it("splits on whole-word BREAK with the whitespace around it, and not inside words", () => {
    expect(parsePromptAttention("a  BREAK\tb")).toEqual([["a", 1], ["BREAK", -1], ["b", 1]]);
    expect(parsePromptAttention("BREAKFAST, aBREAK")).toEqual([["BREAKFAST, aBREAK", 1]]);
    // Python: re.split(r"\s*\bBREAK\b\s*", "x BREAK BREAK y") == ["x", "", "y"]
    expect(parsePromptAttention("x BREAK BREAK y")).toEqual([["x", 1], ["BREAK", -1], ["", 1], ["BREAK", -1], ["y", 1]]);
  });
});
