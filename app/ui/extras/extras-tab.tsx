"use client";
// The Extras tab: Single Image or Batch Process uploads or Batch from Directory (server folders), the Upscale controls (scale by / scale to,
// crop to fit, upscaler 1 and 2 with visibility), Generate, and the results with their `extras` text.
import { useEffect, useRef, useState } from "react";
import { submitExtras, submitExtrasFromDirectory } from "@/app/actions/extras";
import type { Options } from "@/lib/settings/options";
import { ImageDropZone } from "@/app/ui/controls/image-drop-zone";
import { SelectField } from "@/app/ui/controls/select-field";
import { ServerFolderFields } from "@/app/ui/controls/server-folder-fields";
import { SliderField } from "@/app/ui/controls/slider-field";
import { usePasteImage } from "@/app/ui/controls/use-paste-image";
import { DEFAULT_EXTRAS_FORM, toExtrasRequest, type ExtrasForm } from "@/app/ui/extras/extras-form";
import { GenerateButtons } from "@/app/ui/generation/generate-buttons";
import { fetchImageSource, readImageBlob, type ImageSource } from "@/app/ui/generation/image-source";
import { ResultPanel } from "@/app/ui/generation/result-panel";
import type { PendingImage, SendTarget, SentImage } from "@/app/ui/generation/send-to";
import { useGenerationTask } from "@/app/ui/generation/use-generation-task";

interface ExtrasTabProps {
  active: boolean;
  /** Names from the upscaler registry: None, Lanczos, Nearest, then the models. */
  upscalers: readonly string[];
  options: Options;
  incoming: PendingImage | null;
  onSendImage: (target: SendTarget, image: SentImage) => void;
}

type Source = "single" | "batch" | "directory";
const ID = "extras";
const ACCEPT = "image/png,image/jpeg,image/webp";

function SubTabs<T extends string>({ id, label, tabs, value, onChange }: { id: string; label: string; tabs: ReadonlyArray<[T, string]>; value: T; onChange: (v: T) => void }) {
  return (
    <div role="tablist" aria-label={label} className="flex gap-1 border-b border-zinc-800">
      {tabs.map(([key, text]) => (
        <button
          key={key}
          id={`${id}_${key}`}
          type="button"
          role="tab"
          aria-selected={value === key}
          onClick={() => onChange(key)}
          className={`-mb-px rounded-t border px-3 py-1 text-sm ${value === key ? "border-zinc-800 border-b-zinc-900 bg-zinc-900 text-orange-400" : "border-transparent text-zinc-400 hover:text-zinc-200"}`}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

export function ExtrasTab({ active, upscalers, options, incoming, onSendImage }: ExtrasTabProps) {
  const [form, setForm] = useState<ExtrasForm>(DEFAULT_EXTRAS_FORM);
  const update = (patch: Partial<ExtrasForm>) => setForm((f) => ({ ...f, ...patch }));
  const [source, setSource] = useState<Source>("single");
  const [single, setSingle] = useState<ImageSource | null>(null);
  const [batch, setBatch] = useState<ImageSource[]>([]);
  const [folders, setFolders] = useState({ inputDir: "", outputDir: "" });
  const [uploadError, setUploadError] = useState<string | null>(null);
  const { state, start, interrupt, skip } = useGenerationTask(options.live_preview_refresh_period);

  const read = (file: Blob, onRead: (s: ImageSource) => void) =>
    void readImageBlob(file, file instanceof File ? file.name : undefined).then(
      (s) => {
        setUploadError(null);
        onRead(s);
      },
      (e: Error) => setUploadError(e.message),
    );

  usePasteImage(active && source === "single", (file) => read(file, setSingle));

  const handledSerial = useRef(0);
  useEffect(() => {
    if (!incoming || incoming.serial === handledSerial.current || incoming.target !== "extras") return;
    handledSerial.current = incoming.serial;
    setSource("single");
    fetchImageSource(incoming.url).then(setSingle, (e: Error) => setUploadError(e.message));
  }, [incoming]);

  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected(0), [state.result]);

  const images = source === "single" ? (single ? [single] : []) : batch;
  const generate = () => {
    if (source === "directory") return void start(() => submitExtrasFromDirectory({ ...form, ...folders }));
    if (images.length === 0) return void start(async () => ({ error: "Upload an image to upscale first" }));
    void start(() => submitExtras(toExtrasRequest(form, images)));
  };

  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <div className="flex flex-col gap-4 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3">
        <SubTabs id={ID} label="Extras source" tabs={[["single", "Single Image"], ["batch", "Batch Process"], ["directory", "Batch from Directory"]]} value={source} onChange={setSource} />
        <div hidden={source !== "single"}>
          <ImageDropZone id={`${ID}_image`} accept={ACCEPT} onFile={(file) => read(file, setSingle)}>
            {single ? <img id={`${ID}_image_preview`} src={single.dataUrl} alt="Image to upscale" className="max-h-[50vh] w-full object-contain" /> : <span>Drop an image here, paste one or click to upload</span>}
          </ImageDropZone>
        </div>
        <div hidden={source !== "batch"} className="flex flex-col gap-2">
          <ImageDropZone id={`${ID}_batch_images`} accept={ACCEPT} multiple onFile={(file) => read(file, (s) => setBatch((all) => [...all, s]))}>
            <span>Drop images here or click to add files</span>
          </ImageDropZone>
          {batch.length > 0 && (
            <div className="flex items-center justify-between text-sm text-zinc-400">
              <span id={`${ID}_batch_count`}>
                {batch.length} file{batch.length === 1 ? "" : "s"}: {batch.map((b) => b.name ?? "image").join(", ")}
              </span>
              <button id={`${ID}_batch_clear`} type="button" onClick={() => setBatch([])} className="rounded px-2 py-1 hover:bg-zinc-800">
                Clear
              </button>
            </div>
          )}
        </div>
        <div hidden={source !== "directory"} className="flex flex-col gap-2">
          <ServerFolderFields
            fields={[
              { id: `${ID}_batch_input_dir`, label: "Input directory", placeholder: "A folder on the server", value: folders.inputDir, onChange: (inputDir) => setFolders((f) => ({ ...f, inputDir })) },
              { id: `${ID}_batch_output_dir`, label: "Output directory", placeholder: "Leave blank to save images to the default path.", value: folders.outputDir, onChange: (outputDir) => setFolders((f) => ({ ...f, outputDir })) },
            ]}
          />
        </div>
        {uploadError && (
          <p id={`${ID}_upload_error`} role="alert" className="rounded border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-200">
            {uploadError}
          </p>
        )}
        <GenerateButtons idPrefix={ID} running={state.running} onGenerate={generate} onInterrupt={interrupt} onSkip={skip} />
        <fieldset className="flex flex-col gap-3 rounded border border-zinc-800 p-3">
          <legend className="px-1 text-sm text-zinc-300">Upscale</legend>
          <SubTabs
            id={`${ID}_resize_mode`}
            label="Upscale size"
            tabs={[["scale_by", "Scale by"], ["scale_to", "Scale to"]]}
            value={form.resizeMode === 0 ? "scale_by" : "scale_to"}
            onChange={(t) => update({ resizeMode: t === "scale_by" ? 0 : 1 })}
          />
          {form.resizeMode === 0 ? (
            <div className="grid grid-cols-2 gap-3">
              <SliderField id={`${ID}_upscaling_resize`} label="Resize" min={1} max={8} step={0.05} value={form.upscalingResize} onChange={(upscalingResize) => update({ upscalingResize })} />
              <SliderField id={`${ID}_max_side_length`} label="Max side length" min={0} max={8192} step={8} value={form.maxSideLength} onChange={(maxSideLength) => update({ maxSideLength })} />
            </div>
          ) : (
            <div className="grid grid-cols-[1fr_1fr_auto] items-end gap-3">
              <SliderField id={`${ID}_upscaling_resize_w`} label="Width" min={64} max={8192} step={8} value={form.upscalingResizeW} onChange={(upscalingResizeW) => update({ upscalingResizeW })} />
              <SliderField id={`${ID}_upscaling_resize_h`} label="Height" min={64} max={8192} step={8} value={form.upscalingResizeH} onChange={(upscalingResizeH) => update({ upscalingResizeH })} />
              <label className="flex h-8 items-center gap-1.5 text-sm text-zinc-300">
                <input id={`${ID}_upscaling_crop`} type="checkbox" checked={form.upscalingCrop} onChange={(e) => update({ upscalingCrop: e.target.checked })} className="accent-orange-500" />
                Crop to fit
              </label>
            </div>
          )}
          <div className="grid grid-cols-2 gap-3">
            <SelectField id={`${ID}_upscaler_1`} label="Upscaler 1" value={form.upscaler1} options={upscalers} onChange={(upscaler1) => update({ upscaler1 })} />
            <SelectField id={`${ID}_upscaler_2`} label="Upscaler 2" value={form.upscaler2} options={upscalers} onChange={(upscaler2) => update({ upscaler2 })} />
          </div>
          <SliderField id={`${ID}_upscaler_2_visibility`} label="Upscaler 2 visibility" min={0} max={1} step={0.001} value={form.upscaler2Visibility} onChange={(upscaler2Visibility) => update({ upscaler2Visibility })} />
        </fieldset>
      </div>
      <ResultPanel idPrefix={ID} state={state} selected={selected} onSelect={setSelected} onSend={onSendImage} />
    </div>
  );
}
