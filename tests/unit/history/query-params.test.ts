import { describe, expect, it } from "vitest";
import { parseHistoryQuery } from "@/lib/history/query-params";

const parse = (query: string) => parseHistoryQuery(new URLSearchParams(query));

describe("parseHistoryQuery", () => {
  it("turns the query string into a HistoryQuery", () => {
    const parsed = parse("q=red+cat&kind=img2img&model=sd15&sampler=Euler+a&favourite=true&sort=asc&limit=20&offset=40&missing=1");
    expect(parsed).toEqual({
      ok: true,
      query: { q: "red cat", kind: "img2img", model: "sd15", sampler: "Euler a", favourite: true, sort: "asc", limit: 20, offset: 40, includeMissing: true, to: undefined },
    });
  });

  it("reads a bare date range as local days, the end day included", () => {
    const parsed = parse("from=2024-07-01&to=2024-07-03");
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.query.from).toEqual(new Date(2024, 6, 1));
    expect(parsed.query.to).toEqual(new Date(2024, 6, 4));
    const exact = parse("to=2024-07-03T10:00:00Z");
    expect(exact.ok && exact.query.to).toEqual(new Date(Date.UTC(2024, 6, 3, 10)));
  });

  it("ignores empty parameters, as an HTML form sends them", () => {
    expect(parse("q=&kind=&limit=")).toEqual({ ok: true, query: { to: undefined, includeMissing: undefined, kind: undefined } });
  });

  it("rejects bad values with a message naming the parameter", () => {
    const cases: [string, RegExp][] = [
      ["kind=video", /^kind: /],
      ["limit=0", /^limit: /],
      ["limit=501", /^limit: /],
      ["limit=abc", /^limit: /],
      ["offset=-1", /^offset: /],
      ["sort=up", /^sort: /],
      ["favourite=yes", /^favourite: /],
      ["from=yesterday", /^from: expected YYYY-MM-DD/],
      ["to=2024-13-45", /^to: expected YYYY-MM-DD/],
      ["cursor=bm9wZQ", /^cursor: invalid cursor/],
    ];
    for (const [query, message] of cases) {
      const parsed = parse(query);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(message);
    }
  });
});
