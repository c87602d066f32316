// Python's repr of an int → str dict (docs/python-values.md#dict-literals).
import { describe, expect, it } from "vitest";
import { parseIntStringDict } from "@/lib/python/dict-literal";

describe("parseIntStringDict", () => {
  it("reads repr's form: int keys, quoted strings with escapes, an optional trailing comma", () => {
    expect(parseIntStringDict("{0: 'person', 1: 'bicycle'}")).toEqual(new Map([[0, "person"], [1, "bicycle"]]));
    expect(parseIntStringDict(`{3: "it's", 7: 'say \\'hi\\'',}`)).toEqual(new Map([[3, "it's"], [7, "say 'hi'"]]));
    expect(parseIntStringDict("{}")).toEqual(new Map());
    expect(parseIntStringDict("  {-1:'x'}  ")).toEqual(new Map([[-1, "x"]]));
  });

  it("refuses what is not that form", () => {
    for (const text of ["{0: person}", "{'a': 'b'}", "{0: 'a' 1: 'b'}", "[0, 1]", "{0: 'a'", "{0: ['a']}", ""]) expect(parseIntStringDict(text)).toBeNull();
  });
});
