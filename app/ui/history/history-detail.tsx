"use client";
// One history image: large, with its full infotext, "Send to txt2img / img2img / inpaint / extras", the favourite toggle and
// Delete, which asks once more before the file is removed for good.
import { useState } from "react";
import { Star, Trash2, X } from "lucide-react";
import type { HistoryItem } from "@/lib/history/query";
import { Icon } from "@/app/ui/controls/svg-icon";
import { SendToButtons } from "@/app/ui/generation/send-to-buttons";
import type { SendTarget, SentImage } from "@/app/ui/generation/send-to";

interface HistoryDetailProps {
  item: HistoryItem;
  onSendToTxt2img: () => void;
  onSendImage: (target: SendTarget, image: SentImage) => void;
  onToggleFavourite: () => void;
  onDelete: () => void;
  onClose: () => void;
}

const button = "rounded bg-zinc-800 px-3 py-1.5 text-sm hover:bg-zinc-700";

export function HistoryDetail({ item, onSendToTxt2img, onSendImage, onToggleFavourite, onDelete, onClose }: HistoryDetailProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section id="history_detail" data-history-id={item.id} aria-label="Image details" className="flex flex-col gap-3 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3">
      <div className="flex items-center justify-between gap-2 text-xs text-zinc-400">
        <span>
          {item.path} · {item.width}×{item.height} · {new Date(item.createdAt).toLocaleString()}
        </span>
        <button id="history_detail_close" type="button" onClick={onClose} className="rounded px-2 py-1 hover:bg-zinc-800" aria-label="Close details">
          <Icon icon={X} title="Close details" />
        </button>
      </div>
      <a href={item.url} target="_blank" rel="noreferrer" className="flex items-center justify-center rounded border border-zinc-800 bg-zinc-950">
        <img id="history_detail_image" src={item.url} alt={item.prompt || "History image"} width={item.width ?? undefined} height={item.height ?? undefined} className="h-[min(60vh,512px)] w-full object-contain" />
      </a>
      <pre id="history_infotext" className="whitespace-pre-wrap break-words rounded border border-zinc-800 bg-zinc-950 p-2 font-mono text-xs text-zinc-300">
        {item.infotext}
      </pre>
      {typeof item.extensionFields.extras === "string" && (
        <pre id="history_extras" aria-label="Extras" className="whitespace-pre-wrap break-words rounded border border-zinc-800 bg-zinc-950 p-2 font-mono text-xs text-zinc-300">
          {item.extensionFields.extras}
        </pre>
      )}
      <div className="flex flex-wrap gap-2">
        <button id="history_send_txt2img" type="button" onClick={onSendToTxt2img} className={button}>
          Send to txt2img
        </button>
        <SendToButtons idPrefix="history" image={{ url: item.url, infotext: item.infotext }} onSend={onSendImage} />
        <button id="history_favourite" type="button" aria-pressed={item.favourite} onClick={onToggleFavourite} className={button}>
          <span className="flex items-center gap-1.5">
            <Icon icon={Star} title={item.favourite ? "Favourite" : "Not a favourite"} size={14} />
            Favourite
          </span>
        </button>
        {confirming ? (
          <span role="group" aria-label="Confirm delete" className="flex items-center gap-2 text-sm">
            Delete this image and its file?
            <button id="history_delete_confirm" type="button" onClick={onDelete} className="rounded bg-red-700 px-3 py-1.5 text-white hover:bg-red-600">
              Delete
            </button>
            <button id="history_delete_cancel" type="button" onClick={() => setConfirming(false)} className={button}>
              Cancel
            </button>
          </span>
        ) : (
          <button id="history_delete" type="button" onClick={() => setConfirming(true)} className={`${button} text-red-300`}>
            <span className="flex items-center gap-1.5">
              <Icon icon={Trash2} title="Delete" size={14} />
              Delete
            </span>
          </button>
        )}
      </div>
    </section>
  );
}
