"use client";
// Full-size view of one result image (docs/ui.md#lightbox): fitted to the screen at first (a 512 px
// image fills it rather than shrinking), a 1:1 toggle, wheel zoom about the cursor, drag to pan, ←/→
// between the images of the job, Esc or a click outside closes; Download and the send-to buttons.
import { useEffect, useRef, useState, type PointerEvent } from "react";
import { ChevronLeft, ChevronRight, Download, Maximize, Scan, X } from "lucide-react";
import type { ResultImage } from "@/lib/queue/progress-report";
import { Icon } from "@/app/ui/controls/svg-icon";
import { downloadName } from "@/app/ui/generation/download-name";
import type { SendTarget, SentImage } from "@/app/ui/generation/send-to";
import { SendToButtons } from "@/app/ui/generation/send-to-buttons";

interface LightboxProps {
  images: readonly ResultImage[];
  index: number;
  onIndexChange: (index: number) => void;
  onClose: () => void;
  onSend: (target: SendTarget, image: SentImage) => void;
}

/** The zoom: null fits the image to the screen; offsets move its centre from the screen's, in CSS pixels. */
interface View {
  scale: number | null;
  x: number;
  y: number;
}

const FITTED: View = { scale: null, x: 0, y: 0 };
/** Room kept around a fitted image for the toolbar and the caption. */
const MARGIN = { x: 32, y: 112 };
const ZOOM_LIMITS = { min: 0.05, max: 32 };

function useWindowSize() {
  const [size, setSize] = useState({ width: 1024, height: 768 });
  useEffect(() => {
    const read = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    read();
    window.addEventListener("resize", read);
    return () => window.removeEventListener("resize", read);
  }, []);
  return size;
}

const tool = "flex items-center gap-1.5 rounded bg-zinc-800 px-3 py-1 text-sm hover:bg-zinc-700";

export function Lightbox({ images, index, onIndexChange, onClose, onSend }: LightboxProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>(FITTED);
  const drag = useRef<{ pointer: number; fromX: number; fromY: number; x: number; y: number; moved: boolean } | null>(null);
  const screen = useWindowSize();
  useEffect(() => dialog.current?.focus(), []);
  useEffect(() => setView(FITTED), [index]);

  const image = images[index];
  const fit = image ? Math.min((screen.width - MARGIN.x) / image.width, (screen.height - MARGIN.y) / image.height) : 1;
  const scale = view.scale ?? fit;

  // A native listener: React's wheel listener is passive, and the page behind must not scroll.
  const zoomAt = useRef<(e: WheelEvent) => void>(() => undefined);
  zoomAt.current = (e: WheelEvent) => {
    e.preventDefault();
    const box = stage.current!.getBoundingClientRect();
    const next = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, scale * Math.exp(-e.deltaY / 500)));
    // Keep the point under the cursor where it is.
    const cx = e.clientX - (box.left + box.width / 2);
    const cy = e.clientY - (box.top + box.height / 2);
    const k = next / scale;
    setView({ scale: next, x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k });
  };
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => zoomAt.current(e);
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, []);

  if (!image) return null;
  const move = (delta: number) => onIndexChange((index + delta + images.length) % images.length);
  const actualSize = view.scale === 1;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    drag.current = { pointer: e.pointerId, fromX: e.clientX, fromY: e.clientY, x: view.x, y: view.y, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointer !== e.pointerId) return;
    const dx = e.clientX - d.fromX;
    const dy = e.clientY - d.fromY;
    if (!d.moved && Math.hypot(dx, dy) < 3) return;
    if (!d.moved) e.currentTarget.setPointerCapture(e.pointerId);
    d.moved = true;
    setView((v) => ({ scale: v.scale ?? fit, x: d.x + dx, y: d.y + dy }));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    // A click (no drag) outside the picture closes, as before zooming existed.
    if (d && !d.moved && e.target === e.currentTarget) onClose();
  };

  return (
    <div
      ref={dialog}
      id="lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={`Image ${index + 1} of ${images.length}`}
      tabIndex={-1}
      onKeyDown={(e) => {
        // Stopped here so the tab's own Esc (interrupt) and shortcuts never see these keys.
        if (e.key === "Escape") onClose();
        else if (e.key === "ArrowRight") move(1);
        else if (e.key === "ArrowLeft") move(-1);
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
      className="fixed inset-0 z-50 bg-black/85 outline-none"
    >
      <div
        ref={stage}
        id="lightbox_stage"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
        className={`absolute inset-0 touch-none overflow-hidden ${view.scale !== null ? "cursor-grab" : ""}`}
      >
        <img
          id="lightbox_image"
          src={image.url}
          alt={`Result ${index + 1}`}
          draggable={false}
          data-scale={scale.toFixed(4)}
          width={image.width}
          height={image.height}
          style={{
            width: image.width * scale,
            height: image.height * scale,
            transform: `translate(calc(-50% + ${view.x}px), calc(-50% + ${view.y}px))`,
            // Pixels stay sharp from 1:1 up, as an image viewer shows them.
            imageRendering: scale >= 1 && view.scale !== null ? "pixelated" : "auto",
          }}
          className="pointer-events-none absolute left-1/2 top-1/2 max-w-none select-none"
        />
      </div>
      <div className="absolute right-3 top-3 flex flex-wrap justify-end gap-2">
        <SendToButtons idPrefix="lightbox" image={image} onSend={(target, sent) => (onClose(), onSend(target, sent))} />
        <button
          id="lightbox_toggle_zoom"
          type="button"
          aria-pressed={actualSize}
          title={actualSize ? "Fit to screen" : "Actual size (1:1)"}
          onClick={() => setView(actualSize ? FITTED : { scale: 1, x: 0, y: 0 })}
          className={tool}
        >
          <Icon icon={actualSize ? Maximize : Scan} title={actualSize ? "Fit to screen" : "Actual size (1:1)"} />
          {actualSize ? "Fit" : "1:1"}
        </button>
        <a id="lightbox_download" href={image.url} download={downloadName(image, index)} title="Download this image" className={tool}>
          <Icon icon={Download} title="Download this image" />
          Download
        </a>
        <button id="lightbox_close" type="button" title="Close (Esc)" onClick={onClose} className={tool}>
          <Icon icon={X} title="Close (Esc)" />
          Close
        </button>
      </div>
      {images.length > 1 && (
        <>
          <button id="lightbox_prev" type="button" title="Previous image (←)" aria-label="Previous image" onClick={() => move(-1)} className="absolute left-3 top-1/2 rounded bg-zinc-800/80 p-2 hover:bg-zinc-700">
            <Icon icon={ChevronLeft} title="Previous image (←)" size={24} />
          </button>
          <button id="lightbox_next" type="button" title="Next image (→)" aria-label="Next image" onClick={() => move(1)} className="absolute right-3 top-1/2 rounded bg-zinc-800/80 p-2 hover:bg-zinc-700">
            <Icon icon={ChevronRight} title="Next image (→)" size={24} />
          </button>
        </>
      )}
      <span id="lightbox_caption" className="pointer-events-none absolute bottom-3 left-1/2 -translate-x-1/2 text-xs text-zinc-400">
        {index + 1} / {images.length} · {image.width}×{image.height} · {Math.round(scale * 100)}%
      </span>
    </div>
  );
}
