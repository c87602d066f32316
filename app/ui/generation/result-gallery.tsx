"use client";
// The result images: the selected one large (click → lightbox), thumbnails of all below it; the
// selected one is the image whose infotext the panel shows. The grid, when the job made one,
// arrives first and is therefore selected first, as in A1111.
import { useState } from "react";
import type { ResultImage } from "@/lib/queue/progress-report";
import { Lightbox } from "@/app/ui/generation/lightbox";
import type { SendTarget, SentImage } from "@/app/ui/generation/send-to";

interface ResultGalleryProps {
  id: string;
  images: readonly ResultImage[];
  selected: number;
  onSelect: (index: number) => void;
  onSend: (target: SendTarget, image: SentImage) => void;
}

export function ResultGallery({ id, images, selected, onSelect, onSend }: ResultGalleryProps) {
  const [lightboxOpen, setLightboxOpen] = useState(false);
  const current = images[selected];
  if (!current) return null;

  return (
    <div id={id} className="flex flex-col gap-2">
      <button
        type="button"
        id={`${id}_selected`}
        title="Open full size"
        onClick={() => setLightboxOpen(true)}
        className="flex h-[min(70vh,640px)] items-center justify-center overflow-hidden rounded border border-zinc-800 bg-zinc-950"
      >
        <img src={current.url} alt={`Result ${selected + 1}`} width={current.width} height={current.height} className="h-full w-full object-contain" />
      </button>
      {images.length > 1 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Result images">
          {images.map((image, i) => (
            <li key={`${i}:${image.url.slice(-32)}`}>
              <button
                type="button"
                aria-label={`Select image ${i + 1}`}
                aria-pressed={i === selected}
                onClick={() => onSelect(i)}
                className={`block h-20 w-20 overflow-hidden rounded border-2 bg-zinc-950 ${i === selected ? "border-orange-500" : "border-transparent hover:border-zinc-600"}`}
              >
                <img src={image.url} alt={`Thumbnail ${i + 1}`} className="h-full w-full object-cover" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {lightboxOpen && <Lightbox images={images} index={selected} onIndexChange={onSelect} onClose={() => setLightboxOpen(false)} onSend={onSend} />}
    </div>
  );
}
