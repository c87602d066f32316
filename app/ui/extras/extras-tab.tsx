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
import { TabList, type TabItem } from "@/app/ui/controls/tab-list";
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

const SOURCES: ReadonlyArray<TabItem<Source>> = [
  { value: "single", label: "Single Image", id: `${ID}_single` },
  { value: "batch", label: "Batch Process", id: `${ID}_batch` },
  { value: "directory", label: "Batch from Directory", id: `${ID}_directory` },
];
/** Upscale size: by a factor (resize mode 0) or to a width and height (1). */
const SIZE_TABS: ReadonlyArray<TabItem<0 | 1>> = [
  { value: 0, label: "Scale by", id: `${ID}_resize_mode_scale_by` },
  { value: 1, label: "Scale to", id: `${ID}_resize_mode_scale_to` },
];

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
        <TabList label="Extras source" tabs={SOURCES} value={source} onChange={setSource} />
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
          <TabList label="Upscale size" tabs={SIZE_TABS} value={form.resizeMode} onChange={(resizeMode) => update({ resizeMode })} />
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
