"use client";
// The output panel's own buttons (A1111's Save / Zip, and a copy of the infotext): Save downloads the
// selected image, Zip every image of the job with its infotext, Copy puts the infotext on the clipboard.
import { useEffect, useState } from "react";
import { Clipboard, FileArchive, Save } from "lucide-react";
import type { ResultImage } from "@/lib/queue/progress-report";
import { FilledButton, filledLook } from "@/app/ui/controls/filled-button";
import { Icon } from "@/app/ui/controls/svg-icon";
import { downloadName } from "@/app/ui/generation/download-name";
import { zipImages } from "@/app/ui/generation/zip-images";

interface OutputButtonsProps {
  idPrefix: string;
  images: readonly ResultImage[];
  selected: number;
}

async function bytesOf(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function offerDownload(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // The download has started from the click; the URL may go once the event loop moves on.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The Clipboard API where the page is a secure context; the old copy command elsewhere (plain http on a LAN). */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("the browser refused to copy");
}

export function OutputButtons({ idPrefix, images, selected }: OutputButtonsProps) {
  const [status, setStatus] = useState("");
  useEffect(() => setStatus(""), [images]);
  const image = images[selected];
  const report = (action: Promise<string>) => action.then(setStatus, (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)));

  const zip = async () => {
    setStatus("Zipping…");
    const entries = await Promise.all(images.map(async (im, i) => ({ name: downloadName(im, i), bytes: await bytesOf(im.url), infotext: im.infotext })));
    const archive = zipImages(entries);
    offerDownload(new Blob([archive.slice().buffer], { type: "application/zip" }), `${idPrefix}-images.zip`);
    return `Zipped ${images.length} image${images.length === 1 ? "" : "s"}.`;
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      {image ? (
        <a id={`${idPrefix}_save`} href={image.url} download={downloadName(image, selected)} title="Download the selected image" className={filledLook("withIcon")}>
          <Icon icon={Save} title="Download the selected image" />
          Save
        </a>
      ) : null}
      <FilledButton id={`${idPrefix}_zip`} look="withIcon" title="Download all images of the job with their infotexts as a zip file" disabled={images.length === 0} onClick={() => void report(zip())}>
        <Icon icon={FileArchive} title="Download all images as a zip file" />
        Zip
      </FilledButton>
      <FilledButton
        id={`${idPrefix}_copy_infotext`}
        look="withIcon"
        title="Copy the selected image's generation parameters"
        disabled={!image?.infotext}
        onClick={() => image && void report(copyText(image.infotext).then(() => "Infotext copied."))}
      >
        <Icon icon={Clipboard} title="Copy the selected image's generation parameters" />
        Copy infotext
      </FilledButton>
      {status && (
        <span id={`${idPrefix}_output_status`} role="status" className="text-xs text-zinc-400">
          {status}
        </span>
      )}
    </div>
  );
}
