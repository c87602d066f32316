"use client";
// The PNG Info tab: drop or pick an image, see its infotext as written, the fields it holds and its
// other text entries; "Send to txt2img" pastes it into the txt2img tab as the paste button does; "Send to img2img / inpaint / extras" hand over the image too.
import { useEffect, useRef, useState } from "react";
import { readImageInfo, type ImageInfoResult } from "@/app/actions/pnginfo";
import { FilledButton } from "@/app/ui/controls/filled-button";
import { ImageDropZone } from "@/app/ui/controls/image-drop-zone";
import { KeyValueTable } from "@/app/ui/pnginfo/key-value-table";
import { SendToButtons } from "@/app/ui/generation/send-to-buttons";
import type { SendTarget, SentImage } from "@/app/ui/generation/send-to";

interface PngInfoTabProps {
  onSendToTxt2img: (infotext: string) => void;
  onSendImage: (target: SendTarget, image: SentImage) => void;
}

type Info = Exclude<ImageInfoResult, { error: string }>;

export function PngInfoTab({ onSendToTxt2img, onSendImage }: PngInfoTabProps) {
  const [preview, setPreview] = useState<string | null>(null);
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  // Only the latest upload may write its answer, whatever order the answers arrive in.
  const upload = useRef(0);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const read = async (file: File) => {
    const mine = ++upload.current;
    setPreview(URL.createObjectURL(file));
    setInfo(null);
    setError(null);
    setReading(true);
    const data = new FormData();
    data.append("image", file);
    let result: ImageInfoResult;
    try {
      result = await readImageInfo(data);
    } catch (e) {
      result = { error: e instanceof Error ? e.message : String(e) };
    }
    if (mine !== upload.current) return;
    setReading(false);
    if ("error" in result) setError(result.error);
    else setInfo(result);
  };

  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <ImageDropZone id="pnginfo_image" accept="image/png,image/jpeg,image/webp" onFile={(file) => void read(file)}>
        {preview ? <img id="pnginfo_preview" src={preview} alt="Uploaded image" className="h-[min(70vh,640px)] w-full object-contain" /> : <span>Drop an image here or click to upload</span>}
      </ImageDropZone>
      <div className="flex flex-col gap-3">
        {reading && <p className="text-sm text-zinc-400">Reading…</p>}
        {error && (
          <p id="pnginfo_error" role="alert" className="rounded border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-200">
            {error}
          </p>
        )}
        {info &&
          (info.infotext ? (
            <pre id="pnginfo_text" className="whitespace-pre-wrap break-words rounded border border-zinc-800 bg-zinc-950 p-2 font-mono text-xs text-zinc-300">
              {info.infotext}
            </pre>
          ) : (
            <p id="pnginfo_no_parameters" className="text-sm text-zinc-400">
              No parameters found in this image.
            </p>
          ))}
        <div className="flex gap-2">
          <FilledButton id="pnginfo_send_txt2img" look="text" disabled={!info?.infotext} onClick={() => info && onSendToTxt2img(info.infotext)}>
            Send to txt2img
          </FilledButton>
          <SendToButtons idPrefix="pnginfo" image={preview && info ? { url: preview, infotext: info.infotext } : null} onSend={onSendImage} />
        </div>
        {info && <KeyValueTable id="pnginfo_fields" caption="Parameters" entries={info.fields} />}
        {info && <KeyValueTable id="pnginfo_items" caption="Other text entries" entries={info.items} />}
      </div>
    </div>
  );
}
