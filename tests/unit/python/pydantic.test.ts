// The coercion table: every row's expectation is what pydantic v1 (pydantic.v1 of pydantic 2.13,
// the same validators as 1.10) returns for a model field of that type, except the rows marked
// STRICTER, where Onyx refuses what pydantic would turn into a different or non-finite number
// (docs/api-coercion.md).
import { describe, expect, it } from "vitest";
import { coerceBool, coerceDict, coerceFloat, coerceInt, coerceList, coerceStr, type Coerced } from "@/lib/python/pydantic";

const result = (c: Coerced<unknown>) => (c.ok ? { ok: c.value } : { error: c.msg });

type Row = [unknown, { ok: unknown } | { error: string }];
const INT: Row[] = [
  [20, { ok: 20 }], [20.0, { ok: 20 }], ["20", { ok: 20 }], [" 20 ", { ok: 20 }], ["-1", { ok: -1 }], ["+3", { ok: 3 }], ["1_000", { ok: 1000 }],
  [true, { ok: 1 }], [false, { ok: 0 }],
  ["7.0", { error: "value is not a valid integer" }], ["abc", { error: "value is not a valid integer" }], ["0x10", { error: "value is not a valid integer" }],
  ["", { error: "value is not a valid integer" }], [[], { error: "value is not a valid integer" }], [{}, { error: "value is not a valid integer" }],
  // STRICTER: pydantic truncates 20.5 to 20 and keeps 1e20 exactly; JavaScript cannot hold the latter.
  [20.5, { error: "value is not a valid integer" }], [1e20, { error: "value is not a valid integer" }],
];
const FLOAT: Row[] = [
  ["7.0", { ok: 7 }], ["7", { ok: 7 }], [7, { ok: 7 }], [" 7.5 ", { ok: 7.5 }], ["1e3", { ok: 1000 }], [".5", { ok: 0.5 }], ["5.", { ok: 5 }], [true, { ok: 1 }],
  ["abc", { error: "value is not a valid float" }], [{}, { error: "value is not a valid float" }], ["1,5", { error: "value is not a valid float" }],
  // STRICTER: pydantic gives inf / nan for these.
  ["1e999", { error: "value is not a valid float" }], ["nan", { error: "value is not a valid float" }], ["inf", { error: "value is not a valid float" }], ["-Infinity", { error: "value is not a valid float" }],
];
const BOOL: Row[] = [
  ["true", { ok: true }], ["True", { ok: true }], ["false", { ok: false }], ["False", { ok: false }], ["yes", { ok: true }], ["no", { ok: false }],
  ["on", { ok: true }], ["off", { ok: false }], ["1", { ok: true }], ["0", { ok: false }], [1, { ok: true }], [0, { ok: false }], [1.0, { ok: true }],
  ["t", { ok: true }], ["y", { ok: true }], ["N", { ok: false }],
  [2, { error: "value could not be parsed to a boolean" }], ["maybe", { error: "value could not be parsed to a boolean" }],
  [" true", { error: "value could not be parsed to a boolean" }], [[], { error: "value could not be parsed to a boolean" }],
];
const STR: Row[] = [
  ["x", { ok: "x" }], [5, { ok: "5" }], [7.5, { ok: "7.5" }], [true, { ok: "True" }], [1e20, { ok: "1e+20" }],
  [{}, { error: "str type expected" }], [[], { error: "str type expected" }],
];
const DICT: Row[] = [[{ a: 1 }, { ok: { a: 1 } }], [[], { ok: {} }], [[["a", 1]], { ok: { a: 1 } }], ["x", { error: "value is not a valid dict" }]];
const LIST: Row[] = [[[1], { ok: [1] }], ["x", { error: "value is not a valid list" }], [{}, { error: "value is not a valid list" }]];

describe("pydantic v1 coercion", () => {
  it("has at least 40 cases", () => expect(INT.length + FLOAT.length + BOOL.length + STR.length + DICT.length + LIST.length).toBeGreaterThanOrEqual(40));
  it.each(INT)("int ← %j", (input, expected) => expect(result(coerceInt(input))).toEqual(expected));
  it.each(FLOAT)("float ← %j", (input, expected) => expect(result(coerceFloat(input))).toEqual(expected));
  it.each(BOOL)("bool ← %j", (input, expected) => expect(result(coerceBool(input))).toEqual(expected));
  it.each(STR)("str ← %j", (input, expected) => expect(result(coerceStr(input))).toEqual(expected));
  it.each(DICT)("dict ← %j", (input, expected) => expect(result(coerceDict(input))).toEqual(expected));
  it.each(LIST)("list ← %j", (input, expected) => expect(result(coerceList(input))).toEqual(expected));
});
