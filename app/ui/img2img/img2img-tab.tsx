"use client";
// The img2img tab: the img2img, Sketch, Inpaint, Inpaint sketch and Inpaint upload sub-tabs (each with its
// own image) and Batch (server folders), resize mode, the sampling/size/CFG/seed sections shared with
// txt2img, denoising and, on the inpaint tabs, the drawing canvas and the inpaint controls; progress and
// results on the right, as in txt2img.
import { useEffect, useRef, useState } from "react";
import { Ruler } from "lucide-react";
import { submitImg2img, submitImg2imgBatch } from "@/app/actions/img2img";
import { scaledSize } from "@/lib/pipeline/resize-by";
import type { TabScripts } from "@/lib/scripts/script-descriptors";
import type { Options } from "@/lib/settings/options";
import { ImageDropZone } from "@/app/ui/controls/image-drop-zone";
import { RadioField } from "@/app/ui/controls/radio-field";
import { SliderField } from "@/app/ui/controls/slider-field";
import { TabList, type TabItem } from "@/app/ui/controls/tab-list";
import { ToolButton } from "@/app/ui/controls/tool-button";
import { usePasteImage } from "@/app/ui/controls/use-paste-image";
import { pasteInfotext } from "@/app/ui/generation/paste-infotext";
import { Toprow } from "@/app/ui/generation/toprow";
import { fetchImageSource, readImageBlob, type ImageSource } from "@/app/ui/generation/image-source";
import { usePromptStyles } from "@/app/ui/styles/use-prompt-styles";
import { ResultPanel } from "@/app/ui/generation/result-panel";
import { reusableSeeds } from "@/app/ui/generation/reusable-seeds";
import { SamplingSection } from "@/app/ui/generation/sampling-section";
import { SeedSection } from "@/app/ui/generation/seed-section";
import { ScriptsSection } from "@/app/ui/scripts/scripts-section";
import { defaultScriptsForm, toScriptsRequest, type ScriptsForm } from "@/app/ui/scripts/scripts-form";
import type { PendingImage, SendTarget, SentImage } from "@/app/ui/generation/send-to";
import { SizeSection } from "@/app/ui/generation/size-section";
import { useGenerationShortcuts } from "@/app/ui/generation/use-generation-shortcuts";
import { useGenerationTask } from "@/app/ui/generation/use-generation-task";
import { applyImg2imgInfotext } from "@/app/ui/img2img/apply-img2img-infotext";
import { toGenerationInput } from "@/app/ui/txt2img/txt2img-form";
import { defaultImg2imgForm, RESIZE_MODES, toImg2imgRequest, withImageSize, type Img2imgForm, type Img2imgMode, type ResizeMode, type SizeTab } from "@/app/ui/img2img/img2img-form";
import { BatchSection, DEFAULT_BATCH_FOLDERS, type BatchFolders } from "@/app/ui/img2img/batch-section";
import { InpaintSection } from "@/app/ui/img2img/inpaint-section";
import { MaskCanvas, sketchedImage } from "@/app/ui/img2img/mask-canvas";

interface Img2imgTabProps {
  active: boolean;
  samplers: readonly string[];
  schedules: readonly string[];
  options: Options;
  /** An image sent here from a gallery ("Send to img2img / inpaint"); applied once per serial. */
  incoming: PendingImage | null;
  /** The tab's always-on and selectable scripts (A1111's scripts area). */
  scripts: TabScripts;
  onSendImage: (target: SendTarget, image: SentImage) => void;
  /** A checkpoint card of the Extra Networks panel was clicked. */
  onSelectCheckpoint: (title: string) => void;
}

const ID = "img2img";
const ACCEPT = "image/png,image/jpeg,image/webp";
/** The sub-tabs: the image modes, and Batch, which reads server folders instead of an image. */
type SubTab = Img2imgMode | "batch";
const MODES: ReadonlyArray<TabItem<SubTab>> = (
  [
    ["img2img", "img2img"],
    ["sketch", "Sketch"],
    ["inpaint", "Inpaint"],
    ["inpaint_sketch", "Inpaint sketch"],
    ["inpaint_upload", "Inpaint upload"],
    ["batch", "Batch"],
  ] as const
).map(([value, label]) => ({ value, label, id: `${ID}_mode_${value}` }));

/** The sub-tabs that draw on the image: the mask in white (Inpaint), or in colour (the sketch tabs). */
const CANVAS_TABS: ReadonlyArray<{ mode: "inpaint" | "sketch" | "inpaint_sketch"; tool: string; colour: boolean; prompt: string }> = [
  { mode: "sketch", tool: "sketch", colour: true, prompt: "Drop an image to sketch on here, paste one or click to upload" },
  { mode: "inpaint", tool: "mask", colour: false, prompt: "Drop an image to inpaint here, paste one or click to upload" },
  { mode: "inpaint_sketch", tool: "inpaint_sketch", colour: true, prompt: "Drop an image to sketch and inpaint on here, paste one or click to upload" },
];

const SIZE_TABS: ReadonlyArray<TabItem<SizeTab>> = [
  { value: "to", label: "Resize to", id: `${ID}_tab_resize_to` },
  { value: "by", label: "Resize by", id: `${ID}_tab_resize_by` },
];

export function Img2imgTab({ active, samplers, schedules, options, incoming, scripts, onSendImage, onSelectCheckpoint }: Img2imgTabProps) {
  const [form, setForm] = useState<Img2imgForm>(() => defaultImg2imgForm(samplers, schedules));
  const [scriptsForm, setScriptsForm] = useState<ScriptsForm>(() => defaultScriptsForm(scripts));
  const update = (patch: Partial<Img2imgForm>) => setForm((f) => ({ ...f, ...patch }));
  const promptStyles = usePromptStyles();
  const [mode, setMode] = useState<SubTab>("img2img");
  const [batch, setBatch] = useState<BatchFolders>(DEFAULT_BATCH_FOLDERS);
  const [images, setImages] = useState<Record<Img2imgMode, ImageSource | null>>({ img2img: null, sketch: null, inpaint: null, inpaint_sketch: null, inpaint_upload: null });
  // Inpaint upload's mask file, sent as it is: white (or opaque, for a mask with transparency) is repainted.
  const [uploadedMask, setUploadedMask] = useState<ImageSource | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  // The stroke layers of the Inpaint, Sketch and Inpaint sketch canvases.
  const maskCanvas = useRef<HTMLCanvasElement | null>(null);
  const sketchCanvas = useRef<HTMLCanvasElement | null>(null);
  const inpaintSketchCanvas = useRef<HTMLCanvasElement | null>(null);
  const { state, start, interrupt, skip } = useGenerationTask(options.live_preview_refresh_period);

  const pasteInto = (infotext: string) => pasteInfotext(infotext, { tab: ID, options, styles: promptStyles.styles, scripts, setForm, setScriptsForm, apply: applyImg2imgInfotext });

  /** A new image for a sub-tab: "Resize to" follows its size, then sent infotext (if any) applies over it. */
  const place = (target: Img2imgMode, source: ImageSource, infotext = "") => {
    setImages((all) => ({ ...all, [target]: source }));
    setForm((f) => withImageSize(f, source));
    // An image without infotext leaves the form as the image's size made it.
    if (infotext.trim() !== "") pasteInto(infotext);
    setUploadError(null);
  };

  const upload = (target: Img2imgMode) => (file: Blob) =>
    void readImageBlob(file, file instanceof File ? file.name : undefined).then(
      (source) => place(target, source),
      (e: Error) => setUploadError(e.message),
    );

  usePasteImage(active, (file) => mode !== "batch" && upload(mode)(file));

  const handledSerial = useRef(0);
  useEffect(() => {
    if (!incoming || incoming.serial === handledSerial.current || incoming.target === "extras") return;
    handledSerial.current = incoming.serial;
    const target = incoming.target;
    setMode(target);
    fetchImageSource(incoming.url).then(
      (source) => place(target, source, incoming.infotext),
      (e: Error) => setUploadError(e.message),
    );
    // Only a new send runs this; place() reads nothing but setters and the current options.
  }, [incoming]);

  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected(0), [state.result]);

  const image = mode === "batch" ? null : images[mode];
  const generate = () => {
    if (mode === "batch") {
      const { usePngInfo, pngInfoFields, ...folders } = batch;
      return void start(() => submitImg2imgBatch({ ...toGenerationInput(form), ...folders, pngInfoFields: usePngInfo ? pngInfoFields : [], scaleBy: form.sizeTab === "by" ? form.scaleBy : null, ...toScriptsRequest(scriptsForm, scripts) }));
    }
    if (!image) return void start(async () => ({ error: "Upload an image to work on first" }));
    if (mode === "inpaint_upload" && !uploadedMask) return void start(async () => ({ error: "Upload a mask for the image first" }));
    const mask =
      mode === "inpaint"
        ? (maskCanvas.current?.toDataURL("image/png") ?? null)
        : mode === "inpaint_sketch"
          ? (inpaintSketchCanvas.current?.toDataURL("image/png") ?? null)
          : mode === "inpaint_upload"
            ? uploadedMask!.dataUrl
            : null;
    // The sketch tabs' init image is the picture with the strokes drawn on it (app/ui/img2img/mask-canvas.tsx).
    const strokes = mode === "sketch" ? sketchCanvas.current : mode === "inpaint_sketch" ? inpaintSketchCanvas.current : null;
    void start(async () => {
      const init = strokes ? { ...image, dataUrl: await sketchedImage(image, strokes) } : image;
      return submitImg2img({ ...toImg2imgRequest(form, init, mask), ...toScriptsRequest(scriptsForm, scripts) });
    });
  };

  useGenerationShortcuts({ active, running: state.running, generate, interrupt, skip });

  const shown = state.result?.images[selected] ?? null;
  const reusable = reusableSeeds(shown?.infotext ?? "");
  const removeImage = (target: Img2imgMode) => () => setImages((all) => ({ ...all, [target]: null }));

  return (
    <div className="flex flex-col gap-4">
      <Toprow idPrefix={ID} form={form} update={update} options={options} promptStyles={promptStyles} running={state.running} onGenerate={generate} onInterrupt={interrupt} onSkip={skip} onPaste={pasteInto} onSelectCheckpoint={onSelectCheckpoint} />
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <div className="flex flex-col gap-4 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3">
          <TabList label="img2img mode" tabs={MODES} value={mode} onChange={setMode} />
          {/* Both sub-tabs stay mounted so switching keeps the strokes drawn on the mask. */}
          <div hidden={mode !== "img2img"}>
            <ImageDropZone id={`${ID}_image`} accept={ACCEPT} onFile={upload("img2img")}>
              {images.img2img ? (
                <img id={`${ID}_image_preview`} src={images.img2img.dataUrl} alt="Image for img2img" className="max-h-[60vh] w-full object-contain" />
              ) : (
                <span>Drop an image here, paste one or click to upload</span>
              )}
            </ImageDropZone>
          </div>
          {CANVAS_TABS.map(({ mode: target, tool, colour, prompt }) => {
            const picture = images[target];
            const ref = target === "inpaint" ? maskCanvas : target === "sketch" ? sketchCanvas : inpaintSketchCanvas;
            return (
              <div key={target} hidden={mode !== target}>
                {picture ? (
                  <MaskCanvas key={picture.dataUrl} idPrefix={ID} tool={tool} imageName={target} colour={colour} image={picture} canvasRef={ref} onRemoveImage={removeImage(target)} />
                ) : (
                  <ImageDropZone id={`${ID}_${target}_image`} accept={ACCEPT} onFile={upload(target)}>
                    <span>{prompt}</span>
                  </ImageDropZone>
                )}
              </div>
            );
          })}
          <div hidden={mode !== "inpaint_upload"} className="grid grid-cols-2 gap-2">
            <ImageDropZone id={`${ID}_inpaint_upload_image`} accept={ACCEPT} onFile={upload("inpaint_upload")}>
              {images.inpaint_upload ? (
                <img id={`${ID}_inpaint_upload_image_preview`} src={images.inpaint_upload.dataUrl} alt="Image to inpaint" className="max-h-[40vh] w-full object-contain" />
              ) : (
                <span>Drop the image here or click to upload</span>
              )}
            </ImageDropZone>
            <ImageDropZone
              id={`${ID}_inpaint_upload_mask`}
              accept={ACCEPT}
              onFile={(file) =>
                void readImageBlob(file, file instanceof File ? file.name : undefined).then(
                  (source) => {
                    setUploadedMask(source);
                    setUploadError(null);
                  },
                  (e: Error) => setUploadError(e.message),
                )
              }
            >
              {uploadedMask ? <img id={`${ID}_inpaint_upload_mask_preview`} src={uploadedMask.dataUrl} alt="Mask" className="max-h-[40vh] w-full object-contain" /> : <span>Drop the mask here (white = repaint) or click to upload</span>}
            </ImageDropZone>
          </div>
          <div hidden={mode !== "batch"}>
            <BatchSection idPrefix={ID} batch={batch} update={(patch) => setBatch((b) => ({ ...b, ...patch }))} />
          </div>
          {uploadError && (
            <p id={`${ID}_upload_error`} role="alert" className="rounded border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-200">
              {uploadError}
            </p>
          )}
          <RadioField id={`${ID}_resize_mode`} label="Resize mode" options={RESIZE_MODES} value={form.resizeMode} onChange={(i) => update({ resizeMode: i as ResizeMode })} />
          {mode !== "img2img" && mode !== "sketch" && <InpaintSection idPrefix={ID} form={form} update={update} />}
          <SamplingSection idPrefix={ID} form={form} update={update} samplers={samplers} schedules={schedules} />
          <div className="flex items-center gap-2">
            <TabList label="Resize" look="pill" tabs={SIZE_TABS} value={form.sizeTab} onChange={(sizeTab) => update({ sizeTab })} />
            {form.sizeTab === "to" && (
              <ToolButton id={`${ID}_detect_image_size_btn`} title="Auto detect size from img2img" icon={Ruler} onClick={() => image && setForm((f) => withImageSize(f, image))} disabled={!image} />
            )}
          </div>
          <SizeSection
            idPrefix={ID}
            form={form}
            update={update}
            scale={
              form.sizeTab === "by" ? (
                <div className="flex flex-col gap-2">
                  <SliderField id={`${ID}_scale`} label="Scale" min={0.05} max={4} step={0.05} value={form.scaleBy} onChange={(scaleBy) => update({ scaleBy })} />
                  <p id={`${ID}_scale_resolution`} className="text-xs text-zinc-400">
                    {image ? `resize: from ${image.width}x${image.height} to ${scaledSize(image, form.scaleBy).width}x${scaledSize(image, form.scaleBy).height}` : "no image selected"}
                  </p>
                </div>
              ) : undefined
            }
          />
          <SliderField id={`${ID}_cfg_scale`} label="CFG Scale" min={1} max={30} step={0.5} value={form.cfgScale} onChange={(cfgScale) => update({ cfgScale })} />
          <SliderField id={`${ID}_denoising_strength`} label="Denoising strength" min={0} max={1} step={0.01} value={form.denoisingStrength} onChange={(denoisingStrength) => update({ denoisingStrength })} />
          <SeedSection idPrefix={ID} form={form} update={update} reusable={reusable} />
          <ScriptsSection tab={ID} scripts={scripts} form={scriptsForm} onChange={setScriptsForm} canvas={{ width: form.width, height: form.height, image: image?.dataUrl ?? null }} />
        </div>
        <ResultPanel idPrefix={ID} state={state} selected={selected} onSelect={setSelected} onSend={onSendImage} />
      </div>
    </div>
  );
}
