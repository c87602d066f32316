"use client";
// The History tab: search and filter every saved image, page through them, open one to reuse its
// parameters, favour or delete it. The list reloads whenever the tab is opened, so new images show.
import { useEffect, useState } from "react";
import { deleteHistoryItem, setHistoryFavourite } from "@/app/actions/history";
import { SelectField } from "@/app/ui/controls/select-field";
import { HistoryDetail } from "@/app/ui/history/history-detail";
import type { SendTarget, SentImage } from "@/app/ui/generation/send-to";
import { NO_FILTERS, type HistoryFilters } from "@/app/ui/history/history-filters";
import { HistoryGrid } from "@/app/ui/history/history-grid";
import { useHistorySearch } from "@/app/ui/history/use-history-search";

interface HistoryTabProps {
  active: boolean;
  samplers: readonly string[];
  kinds: readonly string[];
  onSendToTxt2img: (infotext: string) => void;
  onSendImage: (target: SendTarget, image: SentImage) => void;
}

const ANY = "Any";
/** Typing pauses this long before the search runs. */
const SEARCH_DELAY_MS = 250;

export function HistoryTab({ active, samplers, kinds, onSendToTxt2img, onSendImage }: HistoryTabProps) {
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { list, load, replaceItem, removeItem } = useHistorySearch();
  const selected = list.items.find((i) => i.id === selectedId) ?? null;

  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => void load(filters, null), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [active, filters, load]);

  const update = (patch: Partial<HistoryFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const act = async (action: () => Promise<void>) => {
    setActionError(null);
    try {
      await action();
    } catch (e) {
      setActionError(e instanceof Error ? e.message : String(e));
    }
  };

  const toggleFavourite = (id: number, favourite: boolean) =>
    act(async () => {
      const item = await setHistoryFavourite(id, favourite);
      if (item) replaceItem(item);
      else removeItem(id);
    });

  const remove = (id: number) =>
    act(async () => {
      await deleteHistoryItem(id);
      removeItem(id);
      setSelectedId(null);
    });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs text-zinc-400">
          Search prompts
          <input
            id="history_search"
            type="search"
            value={filters.q}
            onChange={(e) => update({ q: e.target.value })}
            placeholder="words from the prompt or negative prompt"
            className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm text-zinc-200 focus:border-orange-500 focus:outline-none"
          />
        </label>
        <div className="w-36">
          <SelectField id="history_kind" label="Kind" value={filters.kind || ANY} options={[ANY, ...kinds]} onChange={(kind) => update({ kind: kind === ANY ? "" : kind })} />
        </div>
        <div className="w-48">
          <SelectField id="history_sampler" label="Sampler" value={filters.sampler || ANY} options={[ANY, ...samplers]} onChange={(sampler) => update({ sampler: sampler === ANY ? "" : sampler })} />
        </div>
        <label className="flex h-8 items-center gap-1.5 text-sm text-zinc-300">
          <input id="history_favourites" type="checkbox" checked={filters.favouritesOnly} onChange={(e) => update({ favouritesOnly: e.target.checked })} className="accent-orange-500" />
          Favourites only
        </label>
      </div>
      <p id="history_total" data-total={list.total} className="text-xs text-zinc-500">
        {list.total} {list.total === 1 ? "image" : "images"}
      </p>
      {list.notice && (
        <p id="history_notice" role="status" className="rounded border border-amber-700 bg-amber-950/60 px-3 py-2 text-sm text-amber-200">
          {list.notice}
        </p>
      )}
      {(list.error || actionError) && (
        <p id="history_error" role="alert" className="rounded border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-200">
          {list.error ?? actionError}
        </p>
      )}
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="flex flex-col gap-3">
          <HistoryGrid items={list.items} selectedId={selectedId} onSelect={(item) => setSelectedId(item.id)} />
          {list.nextCursor && (
            <button id="history_load_more" type="button" disabled={list.loading} onClick={() => void load(filters, list.nextCursor)} className="self-center rounded bg-zinc-800 px-4 py-1.5 text-sm hover:bg-zinc-700 disabled:opacity-40">
              Load more
            </button>
          )}
          {!list.loading && list.items.length === 0 && <p className="text-sm text-zinc-600">No images.</p>}
        </div>
        {selected && (
          <HistoryDetail
            key={selected.id}
            item={selected}
            onSendToTxt2img={() => onSendToTxt2img(selected.infotext)}
            onSendImage={onSendImage}
            onToggleFavourite={() => void toggleFavourite(selected.id, !selected.favourite)}
            onDelete={() => void remove(selected.id)}
            onClose={() => setSelectedId(null)}
          />
        )}
      </div>
    </div>
  );
}
