// The History tab's filters and the GET /api/history query string they make. Empty filters are
// left out, so the server sees only what the user asked for.
export interface HistoryFilters {
  /** Prompt words (prefix match, all must occur). */
  q: string;
  /** "" = every kind. */
  kind: string;
  /** "" = every sampler. */
  sampler: string;
  favouritesOnly: boolean;
}

export const NO_FILTERS: HistoryFilters = { q: "", kind: "", sampler: "", favouritesOnly: false };

export const HISTORY_PAGE_SIZE = 40;

export function historySearchParams(filters: HistoryFilters, cursor: string | null = null, limit = HISTORY_PAGE_SIZE): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.sampler) params.set("sampler", filters.sampler);
  if (filters.favouritesOnly) params.set("favourite", "true");
  if (cursor) params.set("cursor", cursor);
  params.set("limit", String(limit));
  return params;
}
