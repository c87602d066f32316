// Python reprs read back as ast.literal_eval reads them (docs/python-values.md#literals): what pythonRepr writes
// comes back as the same value; what is not a literal is refused, not guessed.
import { describe, expect, it } from "vitest";
import { parsePythonLiteral } from "@/lib/python/literal";
import { pythonRepr } from "@/lib/python/repr";
import { pyFloat } from "@/lib/python/str";

describe("parsePythonLiteral", () => {
  it("reads back what pythonRepr writes: nested dicts in order, lists, strings with escapes, numbers, True/False/None", () => {
    const value = { Method: "Mixture of Diffusers", "Tile Overlap": 16, scale: pyFloat(2), r: 0.25, on: true, off: false, none: null, list: [1, "a 'b'", ['"', "\n\t\\x"]], nested: { "Region 1": { prompt: "it's \"q\"", seed: -7 } } };
    const parsed = parsePythonLiteral(pythonRepr(value));
    expect(parsed).toEqual({ ...value, scale: 2 });
    expect(Object.keys(parsed as object)).toEqual(Object.keys(value));
  });

  it("Python's own spellings: tuples, trailing commas, escapes, exponents and separators, int keys", () => {
    expect(parsePythonLiteral("(1, 2,)")).toEqual([1, 2]);
    expect(parsePythonLiteral("{'a': [ ], 1: -1.5e3, }")).toEqual({ a: [], 1: -1500 });
    expect(parsePythonLiteral("'\\x41\\u00e9\\U0001F600\\q'")).toBe("Aé😀\\q");
    expect(parsePythonLiteral('"it\'s"')).toBe("it's");
    expect(parsePythonLiteral("1_000")).toBe(1000);
    expect(parsePythonLiteral(" None ")).toBeNull();
  });

  it("refuses what is not a literal", () => {
    for (const text of ["", "{'a': 1", "[1, 2] x", "inf", "nan", "foo", "{'a' 1}", "{[1]: 2}", "'open", "{1, 2}", "print(1)", "'\\x4'"]) {
      expect(parsePythonLiteral(text), text).toBeUndefined();
    }
  });
});
