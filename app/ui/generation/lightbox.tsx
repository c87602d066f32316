"use client";
// Full-size view of one result image: ←/→ move between images, Esc or a click outside closes.
import { useEffect, useRef } from "react";
import type { ResultImage } from "@/lib/queue/progress-report";
import { downloadName } from "@/app/ui/generation/download-name";

interface LightboxProps {
  images: readonly ResultImage[];
  index: number;
  onIndexChange: (index: number) => void;
  onClose: () => void;
}

export function Lightbox({ images, index, onIndexChange, onClose }: LightboxProps) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);
  const image = images[index];
  if (!image) return null;
  const move = (delta: number) => onIndexChange((index + delta + images.length) % images.length);

  return (
    <div
      ref={dialog}
      id="lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={`Image ${index + 1} of ${images.length}`}
      tabIndex={-1}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        // Stopped here so the tab's own Esc (interrupt) and shortcuts never see these keys.
        if (e.key === "Escape") onClose();
        else if (e.key === "ArrowRight") move(1);
        else if (e.key === "ArrowLeft") move(-1);
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/85 p-4 outline-none"
    >
      <div className="absolute right-3 top-3 flex gap-2">
        <a
          id="lightbox_download"
          href={image.url}
          download={downloadName(image, index)}
          className="rounded bg-zinc-800 px-3 py-1 text-sm hover:bg-zinc-700"
        >
          Download
        </a>
        <button id="lightbox_close" type="button" onClick={onClose} className="rounded bg-zinc-800 px-3 py-1 text-sm hover:bg-zinc-700">
          Close ✕
        </button>
      </div>
      {images.length > 1 && (
        <>
          <button type="button" aria-label="Previous image" onClick={() => move(-1)} className="absolute left-3 top-1/2 rounded bg-zinc-800/80 px-3 py-2 text-xl hover:bg-zinc-700">
            ‹
          </button>
          <button type="button" aria-label="Next image" onClick={() => move(1)} className="absolute right-3 top-1/2 rounded bg-zinc-800/80 px-3 py-2 text-xl hover:bg-zinc-700">
            ›
          </button>
        </>
      )}
      <img id="lightbox_image" src={image.url} alt={`Result ${index + 1}`} width={image.width} height={image.height} className="max-h-full max-w-full object-contain [image-rendering:auto]" />
      <span className="absolute bottom-3 left-1/2 -translate-x-1/2 text-xs text-zinc-400">
        {index + 1} / {images.length} · {image.width}×{image.height}
      </span>
    </div>
  );
}
