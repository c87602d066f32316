import { describe, expect, it } from "vitest";
import { parseHistoryQuery } from "@/lib/history/query-params";
import { HISTORY_PAGE_SIZE, historySearchParams, NO_FILTERS } from "@/app/ui/history/history-filters";

describe("historySearchParams", () => {
  it("sends only the page size when no filter is set", () => {
    expect(historySearchParams(NO_FILTERS).toString()).toBe(`limit=${HISTORY_PAGE_SIZE}`);
  });

  it("sends every set filter, trims the search words and adds the cursor", () => {
    const params = historySearchParams({ q: "  red fox ", kind: "txt2img", sampler: "Euler a", favouritesOnly: true }, "abc", 10);
    expect(Object.fromEntries(params)).toEqual({ q: "red fox", kind: "txt2img", sampler: "Euler a", favourite: "true", cursor: "abc", limit: "10" });
  });

  it("produces a query the History API accepts, meaning the same filters", () => {
    const params = historySearchParams({ q: "zebra", kind: "grid", sampler: "DPM++ 2M", favouritesOnly: true });
    const parsed = parseHistoryQuery(params);
    expect(parsed).toEqual({ ok: true, query: { q: "zebra", kind: "grid", sampler: "DPM++ 2M", favourite: true, limit: HISTORY_PAGE_SIZE, to: undefined, includeMissing: undefined } });
  });
});
