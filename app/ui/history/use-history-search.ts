"use client";
// The History tab's list: the first page for the current filters, further pages through the
// server's `nextCursor`, and local edits (favourite, delete) without a refetch.
import { useCallback, useRef, useState } from "react";
import type { HistoryItem, HistoryPage } from "@/lib/history/query";
import { historySearchParams, type HistoryFilters } from "@/app/ui/history/history-filters";

export interface HistoryList {
  items: HistoryItem[];
  total: number;
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  /** What the server says about the history itself (a recovered database). */
  notice: string | null;
}

const empty: HistoryList = { items: [], total: 0, nextCursor: null, loading: false, error: null, notice: null };

async function fetchPage(filters: HistoryFilters, cursor: string | null): Promise<HistoryPage & { notice: string | null }> {
  const response = await fetch(`/api/history?${historySearchParams(filters, cursor)}`);
  if (!response.ok) {
    // 503 when the history is unavailable: the server's reason is the message.
    const reason = await response.json().then((body: { error?: string }) => body.error, () => undefined);
    throw new Error(reason ?? `history request failed: HTTP ${response.status}`);
  }
  return response.json();
}

export function useHistorySearch() {
  const [list, setList] = useState<HistoryList>(empty);
  // A newer search makes the answers of older ones (and of their "load more") stale.
  const search = useRef(0);

  const load = useCallback(async (filters: HistoryFilters, cursor: string | null) => {
    const mine = cursor ? search.current : ++search.current;
    setList((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await fetchPage(filters, cursor);
      if (mine !== search.current) return;
      setList((l) => ({ items: cursor ? [...l.items, ...page.items] : page.items, total: page.total, nextCursor: page.nextCursor, loading: false, error: null, notice: page.notice }));
    } catch (e) {
      if (mine === search.current) setList((l) => ({ ...l, loading: false, error: e instanceof Error ? e.message : String(e) }));
    }
  }, []);

  const replaceItem = useCallback((item: HistoryItem) => setList((l) => ({ ...l, items: l.items.map((i) => (i.id === item.id ? item : i)) })), []);
  const removeItem = useCallback((id: number) => setList((l) => ({ ...l, items: l.items.filter((i) => i.id !== id), total: Math.max(0, l.total - 1) })), []);

  return { list, load, replaceItem, removeItem };
}
