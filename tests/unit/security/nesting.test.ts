import { describe, expect, it } from "vitest";
import { decodeJsonBody } from "@/lib/api/request-body";
import { RequestValidationError } from "@/lib/api/errors";
import { jsonTextDepth, MAX_NESTING, valueDepth } from "@/lib/security/nesting";

const nested = (n: number) => "[".repeat(n) + "]".repeat(n);

describe("JSON text depth", () => {
  it("counts arrays and objects, ignoring brackets inside strings and escaped quotes", () => {
    expect(jsonTextDepth('{"a": 1}')).toBe(1);
    expect(jsonTextDepth('{"a": [1, {"b": [[]]}]}')).toBe(5);
    expect(jsonTextDepth('{"a": "[[[[{{{{", "b": "\\"[[["}')).toBe(1);
    expect(jsonTextDepth('{"a": "x\\\\", "b": [[]]}')).toBe(3); // the string ends in an escaped backslash
    expect(jsonTextDepth('{"a": "[[ unterminated')).toBe(1);
    expect(jsonTextDepth("3")).toBe(0);
  });

  it("is linear: a million levels are measured in well under a second, and it stops early past the limit", () => {
    const text = nested(1_000_000);
    const start = performance.now();
    expect(jsonTextDepth(text)).toBe(1_000_000);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(jsonTextDepth(text, 64)).toBe(65);
  });
});

describe("decoded value depth", () => {
  it("measures the longest path, shared objects once, a cycle as Infinity", () => {
    expect(valueDepth(5)).toBe(0);
    expect(valueDepth({ a: [1, { b: [] }] })).toBe(4);
    const shared: unknown[] = [[[]]];
    expect(valueDepth({ x: shared, y: [[shared]] })).toBe(6);
    const cyclic: unknown[] = [];
    cyclic.push([cyclic]);
    expect(valueDepth(cyclic)).toBe(Infinity);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueDepth(deep)).toBe(100_001);
    expect(valueDepth(deep, MAX_NESTING)).toBe(MAX_NESTING + 1);
  });
});

describe("request bodies", () => {
  it(`refuses JSON nested deeper than ${MAX_NESTING} levels with a 422 before parsing, and accepts the limit itself`, () => {
    expect(decodeJsonBody(`{"script_args": ${nested(MAX_NESTING - 1)}}`)).toBeTypeOf("object");
    try {
      decodeJsonBody(`{"script_args": ${nested(5000)}}`);
      throw new Error("expected a 422");
    } catch (e) {
      expect(e).toBeInstanceOf(RequestValidationError);
      expect((e as RequestValidationError).issues).toEqual([{ loc: ["body"], msg: `JSON nested deeper than ${MAX_NESTING} levels`, type: "value_error.nesting" }]);
    }
  });
});
