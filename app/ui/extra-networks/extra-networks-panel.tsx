"use client";
// A1111's Extra Networks panel under the prompts: tabs Checkpoints, Lora and Textual Inversion with cards (name,
// preview or a placeholder), search, sort and refresh. A LoRA or embedding card toggles its text in the prompt box
// that had the focus last (A1111's cardClicked: added with a space, removed when already there); a checkpoint card
// selects the checkpoint.
import { useEffect, useMemo, useState } from "react";
import { ArrowDown, ArrowUp, RefreshCw } from "lucide-react";
import { loadExtraNetworkCards } from "@/app/actions/extra-networks";
import { TabList } from "@/app/ui/controls/tab-list";
import { ToolButton } from "@/app/ui/controls/tool-button";
import type { ExtraNetworkCard, ExtraNetworkCards } from "@/lib/networks/cards";

type Tab = keyof ExtraNetworkCards;
const TABS: Array<[Tab, string]> = [
  ["checkpoints", "Checkpoints"],
  ["lora", "Lora"],
  ["textualInversion", "Textual Inversion"],
];

interface ExtraNetworksPanelProps {
  idPrefix: string;
  /** Inserts (or removes) card text in the last focused prompt box. */
  onInsert: (text: string) => void;
  onSelectCheckpoint: (title: string) => void;
}

/** A1111's cardClicked: the text is removed from the prompt when present, else appended after a space. */
export function toggleCardText(prompt: string, text: string): string {
  if (prompt.includes(text)) return prompt.replace(text, "").replace(/ {2,}/g, " ").trim();
  return prompt.trim() === "" ? text : `${prompt} ${text}`;
}

export function ExtraNetworksPanel({ idPrefix, onInsert, onSelectCheckpoint }: ExtraNetworksPanelProps) {
  const [cards, setCards] = useState<ExtraNetworkCards | null>(null);
  const [tab, setTab] = useState<Tab>("lora");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<"name" | "date">("name");
  const [descending, setDescending] = useState(false);
  const refresh = () => void loadExtraNetworkCards().then(setCards);
  useEffect(refresh, []);

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const list = (cards?.[tab] ?? []).filter((c) => !needle || `${c.name} ${c.description}`.toLowerCase().includes(needle));
    const sorted = [...list].sort((a, b) => (sort === "name" ? a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) : a.mtimeMs - b.mtimeMs));
    return descending ? sorted.reverse() : sorted;
  }, [cards, tab, search, sort, descending]);

  const click = (card: ExtraNetworkCard) => ("insert" in card.action ? onInsert(card.action.insert) : onSelectCheckpoint(card.action.checkpoint));

  return (
    <div id={`${idPrefix}_extra_networks`} className="flex flex-col gap-2 rounded-lg border border-zinc-800 bg-zinc-900/60 p-2 text-sm">
      <div className="flex flex-wrap items-center gap-1">
        <TabList label="Extra networks" look="pill" tabs={TABS.map(([value, label]) => ({ value, label, id: `${idPrefix}_extra_tab_${value}` }))} value={tab} onChange={setTab} />
        <input id={`${idPrefix}_extra_search`} aria-label="Search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search" className="ml-auto w-40 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-xs" />
        <select id={`${idPrefix}_extra_sort`} aria-label="Sort" value={sort} onChange={(e) => setSort(e.target.value as "name" | "date")} className="rounded border border-zinc-700 bg-zinc-950 px-1 py-1 text-xs">
          <option value="name">Name</option>
          <option value="date">Date modified</option>
        </select>
        <ToolButton id={`${idPrefix}_extra_sort_dir`} title="Invert sort order" icon={descending ? ArrowDown : ArrowUp} onClick={() => setDescending((d) => !d)} />
        <ToolButton id={`${idPrefix}_extra_refresh`} title="Refresh page" icon={RefreshCw} onClick={refresh} />
      </div>
      <ul className="flex flex-wrap gap-2">
        {shown.map((card) => (
          <li key={card.name}>
            <button type="button" data-card={card.name} title={"insert" in card.action ? card.action.insert : card.action.checkpoint} onClick={() => click(card)} className="relative flex h-40 w-32 flex-col justify-end overflow-hidden rounded border border-zinc-700 bg-zinc-800 text-left hover:border-orange-500">
              {card.preview ? (
                <img src={card.preview} alt="" className="absolute inset-0 h-full w-full object-cover" />
              ) : (
                <span aria-hidden className="absolute inset-0 flex items-center justify-center text-3xl text-zinc-600">
                  🎴
                </span>
              )}
              <span className="relative bg-zinc-950/80 px-1.5 py-1 text-xs">
                <span className="block break-words font-medium">{card.name}</span>
                {card.description && <span className="block break-words text-zinc-400">{card.description}</span>}
              </span>
            </button>
          </li>
        ))}
        {cards && shown.length === 0 && <li className="text-xs text-zinc-500">Nothing here. Add files to the model folders, then refresh.</li>}
      </ul>
    </div>
  );
}
