// Expected lists are A1111's (docs/a1111/xyz-plot.md#value-syntax); the float sequences were checked against numpy's
// arange/linspace and Python's csv module, not against this code.
import { describe, expect, it } from "vitest";
import { parseAxisValues } from "@/lib/scripts/xyz-plot";
import { csvValues } from "@/lib/scripts/xyz-plot/csv-values";
import { numpyArange, numpyLinspace } from "@/lib/python/numpy-ranges";

describe("int axes", () => {
  it.each([
    ["1-5", [1, 2, 3, 4, 5]],
    ["1-5 (+2)", [1, 3, 5]],
    ["10-100 [5]", [10, 32, 55, 77, 100]],
    ["1-5 [1]", [1]],
    ["1-5 [0]", []],
    ["-5--1", [-5, -4, -3, -2, -1]],
    ["1 - 5", [1, 2, 3, 4, 5]],
    ["+1-+3", [1, 2, 3]],
    ["5-1 (-1)", [5, 4, 3]],
    ["5-1", []],
    ["3-3", [3]],
    ["10-1 (-3)", [10, 7, 4]],
    ["-10-10 [4]", [-10, -3, 3, 10]],
    ["1-5 (+2 )", [1, 3, 5]],
    ["1-5  (+2)", [1, 3, 5]],
    ["1, 2,,3, ", [1, 2, 3]],
    ["1-3, 2, 7-9 (+2)", [1, 2, 3, 2, 7, 9]],
    ['1,"2-4",5', [1, 2, 3, 4, 5]],
    ["1_000", [1000]],
    ["-1", [-1]],
    ["", []],
  ])("%j → %j", (text, expected) => {
    expect(parseAxisValues("int", text)).toEqual(expected);
  });

  it.each(["1.5", "1-5 (2)", "1-5 (+0)", "2-4 (+0.5)", "1-5 ( +2)", "- 5-1", "abc", "0x10"])("rejects %j", (text) => {
    expect(() => parseAxisValues("int", text)).toThrow();
  });
});

describe("float axes", () => {
  it.each([
    // numpy arange overshoots: stop = 0.3 + 0.1, and 0.1 + 3·0.1 = 0.4 is still below it.
    ["0.1-0.3 (+0.1)", [0.1, 0.2, 0.30000000000000004, 0.4]],
    ["3-1", []],
    ["5-1 (-1)", [5, 4, 3, 2, 1]],
    ["5-1 (-1.5)", [5, 3.5, 2, 0.5]],
    ["1 - 2 (+0.25)", [1, 1.25, 1.5, 1.75, 2]],
    ["0-1 [5]", [0, 0.25, 0.5, 0.75, 1]],
    ["-3-1 [3]", [-3, -1, 1]],
    ["1-1 [3]", [1, 1, 1]],
    ["1.-2.", [1, 2]],
    ["2.5, 7,,8.25", [2.5, 7, 8.25]],
    [".5", [0.5]],
    ["1e5", [100000]],
    ["-inf", [-Infinity]],
  ])("%j → %j", (text, expected) => {
    expect(parseAxisValues("float", text)).toEqual(expected);
  });

  it("linspace multiplies i by the step as numpy does", () => {
    const values = parseAxisValues("float", "1-4.1 [8]");
    expect(values[6]).toBe(3.6571428571428566); // 1 + 3.1·6/7 would give 3.657142857142857
    expect(values[7]).toBe(4.1);
  });

  it("0-1 (+0.1) carries numpy's rounding", () => {
    expect(parseAxisValues("float", "0-1 (+0.1)")).toEqual([0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1]);
  });

  it("nan converts", () => {
    expect(parseAxisValues("float", "nan")[0]).toBeNaN();
  });

  // `.` in A1111's float patterns matches any character: "1e-5" becomes the range "1e"–"5", and a
  // negative count-range end is read as "3-" – "9.8"; both then fail float().
  it.each([".5-1", "1e-5", "3--9.8 [6]", "1-2 [2.5]", "1-2 (0.5)", "0-1 (+0)", "1x5-3", "1.5.5-2"])("rejects %j", (text) => {
    expect(() => parseAxisValues("float", text)).toThrow();
  });
});

describe("str axes and CSV", () => {
  it.each([
    ["a, b ,c", ["a", "b", "c"]],
    ["a,,b", ["a", "", "b"]],
    ['"x, y", z', ["x, y", "z"]],
    ['"a""b",c', ['a"b', "c"]],
    ["", []],
    ["1,2\n3", ["1", "2", "3"]],
  ])("%j → %j", (text, expected) => {
    expect(parseAxisValues("str", text)).toEqual(expected);
  });

  it.each([
    [' a , "b,c" ,d', ["a", "b,c", "d"]],
    ['"a"b,c', ["ab", "c"]],
    ['a"b"c', ['a"b"c']],
    [" \n", [""]],
    ["\n", []],
    ["a,", ["a", ""]],
    ['"abc', ["abc"]],
    ['"a\nb",c', ["a\nb", "c"]],
  ])("Python's csv reader: %j → %j", (text, expected) => {
    expect(csvValues(text)).toEqual(expected);
  });
});

describe("numpy ranges", () => {
  it("arange length is ceil((stop − start)/step)", () => {
    expect(numpyArange(0, 1, 0.3)).toEqual([0, 0.3, 0.6, 0.8999999999999999]);
    expect(numpyArange(1, 0, 1)).toEqual([]);
  });
  it("linspace ends exactly at stop and handles n = 0, 1", () => {
    expect(numpyLinspace(3, -9.8, 6)).toEqual([3, 0.43999999999999995, -2.12, -4.68, -7.24, -9.8]);
    expect(numpyLinspace(2, 5, 1)).toEqual([2]);
    expect(numpyLinspace(2, 5, 0)).toEqual([]);
  });
});
