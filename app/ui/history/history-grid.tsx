"use client";
// The History tab's thumbnails: lazily loaded images with a prompt excerpt and the date; each item
// carries its id, prompt and path in data attributes.
import { Star } from "lucide-react";
import type { HistoryItem } from "@/lib/history/query";
import { Icon } from "@/app/ui/controls/svg-icon";

interface HistoryGridProps {
  items: readonly HistoryItem[];
  selectedId: number | null;
  onSelect: (item: HistoryItem) => void;
}

export function HistoryGrid({ items, selectedId, onSelect }: HistoryGridProps) {
  return (
    <ul id="history_grid" aria-label="History images" className="grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-2">
      {items.map((item) => (
        <li key={item.id} data-history-id={item.id} data-prompt={item.prompt} data-path={item.path}>
          <button
            type="button"
            onClick={() => onSelect(item)}
            aria-pressed={item.id === selectedId}
            className={`flex w-full flex-col overflow-hidden rounded border-2 bg-zinc-950 text-left ${item.id === selectedId ? "border-orange-500" : "border-zinc-800 hover:border-zinc-600"}`}
          >
            <img src={item.url} alt={item.prompt || "History image"} loading="lazy" className="aspect-square w-full object-cover" />
            <span className="line-clamp-2 px-1.5 pt-1 text-xs text-zinc-300">
              {item.favourite && <span className="mr-1 inline-block align-[-2px] text-orange-400"><Icon icon={Star} title="Favourite" size={12} /></span>}
              {item.prompt || <em className="text-zinc-500">no prompt</em>}
            </span>
            <time dateTime={item.createdAt} className="px-1.5 pb-1 text-[0.65rem] text-zinc-500">
              {new Date(item.createdAt).toLocaleString()}
            </time>
          </button>
        </li>
      ))}
    </ul>
  );
}
