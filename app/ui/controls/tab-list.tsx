"use client";
// A row of tabs choosing one of a few panels: the shell's tabs, img2img's sub-tabs and Resize to/by, Extras' sources
// and upscale size, a repeated group's units, the Extra Networks panel's kinds. It follows the WAI-ARIA tabs pattern
// (role=tablist/tab, aria-selected; only the selected tab is in the Tab order, ←/→ wrap round and Home/End go to
// the ends, each selecting the tab it moves to, as Gradio's tabs do). Every tab has its own element id, since
// tests and A1111-style ids differ from one list to another.
import { useRef, type KeyboardEvent, type ReactNode } from "react";

export interface TabItem<T extends string | number> {
  value: T;
  id: string;
  label: ReactNode;
  /** The id of the panel it shows, when the panel has one. */
  controls?: string;
}

/** "page": the shell's tabs; "folder": a panel's sub-tabs on its top edge; "pill": a small choice inside a section. */
export type TabLook = "page" | "folder" | "pill";

const LOOKS: Record<TabLook, { list: string; tab: string; selected: string; other: string }> = {
  page: { list: "flex flex-wrap gap-1 border-b border-zinc-800", tab: "-mb-px rounded-t border px-4 py-1.5 text-sm", selected: "border-zinc-800 border-b-zinc-900 bg-zinc-900 text-orange-400", other: "border-transparent text-zinc-400 hover:text-zinc-200" },
  folder: { list: "flex flex-wrap gap-1 border-b border-zinc-800", tab: "-mb-px rounded-t border px-3 py-1 text-sm", selected: "border-zinc-800 border-b-zinc-900 bg-zinc-900 text-orange-400", other: "border-transparent text-zinc-400 hover:text-zinc-200" },
  pill: { list: "flex flex-wrap gap-1", tab: "rounded px-2 py-0.5 text-xs", selected: "bg-zinc-800 text-orange-400", other: "text-zinc-400 hover:text-zinc-200" },
};

interface TabListProps<T extends string | number> {
  /** The list's accessible name. */
  label: string;
  tabs: ReadonlyArray<TabItem<T>>;
  value: T;
  onChange: (value: T) => void;
  look?: TabLook;
  /** Layout of the list within its row (e.g. `flex-1`). */
  className?: string;
}

/** The tab a key moves to from tab `i` of `count`, or null for a key the list does not handle. */
function movedTo(key: string, i: number, count: number): number | null {
  if (key === "ArrowRight") return (i + 1) % count;
  if (key === "ArrowLeft") return (i - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

export function TabList<T extends string | number>({ label, tabs, value, onChange, look = "folder", className = "" }: TabListProps<T>) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const style = LOOKS[look];
  // With no tab selected (a value the list does not hold) the first one takes the Tab stop, so the list stays reachable.
  const focusable = Math.max(0, tabs.findIndex((t) => t.value === value));
  const onKeyDown = (i: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    const next = movedTo(e.key, i, tabs.length);
    if (next === null) return;
    e.preventDefault();
    buttons.current[next]?.focus();
    onChange(tabs[next].value);
  };
  return (
    <div role="tablist" aria-label={label} className={`${style.list} ${className}`}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          id={t.id}
          type="button"
          role="tab"
          aria-selected={t.value === value}
          aria-controls={t.controls}
          tabIndex={i === focusable ? 0 : -1}
          onClick={() => onChange(t.value)}
          onKeyDown={onKeyDown(i)}
          className={`${style.tab} ${t.value === value ? style.selected : style.other}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
