// htmlUnescape against Python's html.unescape: each expected value below is what CPython 3's
// html.unescape returns for the probe (named references, the no-semicolon prefix rule, numeric
// references with their C1 remapping, replacement and dropped code points).
import { describe, expect, it } from "vitest";
import { htmlUnescape } from "@/lib/tokenizers/clean-text";

const PYTHON: Array<[string, string]> = [["&amp;", "&"], ["&ampxyz", "&xyz"], ["&notit;", "\u00acit;"], ["&notin;", "\u2209"], ["&AMP;", "&"], ["&#x80;", "\u20ac"], ["&#x81;", "\u0081"], ["&#1;", ""], ["&#0;", "\ufffd"], ["&#xD800;", "\ufffd"], ["&#x110000;", "\ufffd"], ["&nbsp", "\u00a0"], ["&lt", "<"], ["&hearts;", "\u2665"], ["&Hearts;", "&Hearts;"], ["&amp;amp;", "&amp;"], ["&#65", "A"], ["&#x41;b", "Ab"], ["&copy2024", "\u00a92024"], ["&frac12;", "\u00bd"], ["&unknown;", "&unknown;"], ["a&b", "a&b"], ["&;", "&;"], ["&#;", "&#;"], ["&NotNestedGreaterGreater;", "\u2aa2\u0338"], ["&#13;", "\r"], ["&#x7f;", ""], ["&#xfdd0;", ""], ["&#x1FFFE;", ""], ["&#xb;", ""], ["&#9;", "\t"], ["&ltb", "<b"], ["&bne;", "=\u20e5"], ["&#9999999999;", "\ufffd"], ["&aacute", "\u00e1"], ["&lang;", "\u27e8"], ["&rang;", "\u27e9"], ["&apos;", "'"], ["&apos", "&apos"], ["&Eacute;cole", "\u00c9cole"], ["&hellip;&mdash;", "\u2026\u2014"], ["&#128049;", "\ud83d\udc31"], ["&times3", "\u00d73"]];

describe("htmlUnescape = Python's html.unescape", () => {
  it.each(PYTHON)("%j → %j", (input, expected) => {
    expect(htmlUnescape(input)).toBe(expected);
  });

  it("works inside a prompt", () => {
    expect(htmlUnescape("a &quot;cat&quot; &amp; a dog, 50&percnt; off &copy")).toBe('a "cat" & a dog, 50% off ©');
  });
});
