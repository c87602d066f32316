// Python's int(), float() and bool() as CPython 3.10 answers them (each case checked by its documented grammar:
// decimal digits with single underscores between them, an optional sign, surrounding whitespace).
import { describe, expect, it } from "vitest";
import { pythonFloat } from "@/lib/python/float";
import { isPythonInt, pythonInt } from "@/lib/python/int";
import { pythonStr, pyFloat } from "@/lib/python/str";
import { pythonBool } from "@/lib/python/truthy";

describe("int(text)", () => {
  it("accepts whitespace, one sign and underscores between digits", () => {
    expect([" -7 ", "+5", "1_000", "007", "4294967296"].map(pythonInt)).toEqual([-7, 5, 1000, 7, 4294967296]);
  });

  it("refuses what Python raises ValueError for", () => {
    for (const text of ["", " ", "0x10", "1.0", "1e3", "1__0", "_1", "1_", "--1", "12a", "inf"]) {
      expect(isPythonInt(text), text).toBe(false);
      expect(() => pythonInt(text)).toThrow(`invalid literal for int() with base 10: '${text}'`);
    }
  });
});

describe("float(text)", () => {
  it("accepts fractions, exponents, underscores, inf and nan in any case", () => {
    expect(["1_0.5", ".5", "5.", "1e-3", " +2E2 ", "-Infinity", "INF"].map(pythonFloat)).toEqual([10.5, 0.5, 5, 0.001, 200, -Infinity, Infinity]);
    expect(pythonFloat("nAn")).toBeNaN();
  });

  it("refuses hex, empty text and malformed numbers", () => {
    for (const text of ["", "0x10", "1.2.3", "e5", "1e", "1_.5", "infinit"]) expect(() => pythonFloat(text), text).toThrow(`could not convert string to float: '${text}'`);
  });
});

describe("str(value)", () => {
  it("prints ints in full, floats as repr and booleans capitalised", () => {
    expect([pythonStr(7), pythonStr(pyFloat(7)), pythonStr(0.1), pythonStr(1e21), pythonStr(true), pythonStr("x")]).toEqual(["7", "7.0", "0.1", "1000000000000000000000", "True", "x"]);
  });
});

describe("bool(value)", () => {
  it("is false exactly for None, False, zero and empty containers", () => {
    expect([null, undefined, false, 0, -0, "", [], {}].map(pythonBool)).toEqual(Array(8).fill(false));
    expect([true, 1, -1, NaN, "False", "0", " ", [0], { a: 0 }].map(pythonBool)).toEqual(Array(9).fill(true));
  });
});
