"use client";
// A `regions` parameter (Tiled Diffusion's region control): rectangles on a canvas with the tab's aspect
// ratio, over the tab's input picture (img2img) or a reference picture the user may drop on the canvas or pick
// (only shown, never sent). Drag on empty canvas to draw a region, drag a region to move it, drag its corner
// handle to resize it, Delete (or its × button) to remove it; each region has its own colour. The selected
// region's fields and its box (x, y, w, h sliders, as Tiled Diffusion's own) are edited below the canvas with the
// controls of every script parameter (scalar-fields.tsx). The set saves to and loads from a JSON file
// `{"<param name>": [regions]}` (Tiled Diffusion's `{"bbox_controls": […]}`).
// Ids: `<id>_canvas`, `<id>_region_<k>` (+ `_resize`, `_delete`), fields `<id>_<k>_<field>`, `<id>_save`, `<id>_load`.
import { useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import type { RegionBox, RegionsParam } from "@/lib/scripts/script";
import { FileButton, TextButton } from "@/app/ui/controls/text-button";
import { readImageBlob } from "@/app/ui/generation/image-source";
import { ParamGroup } from "@/app/ui/scripts/param-group";
import { boxFromDrag, canvasPoint, isDrawnBox, moveBox, REGION_BOX_PARAMS, resizeBox, type Point } from "@/app/ui/scripts/region-geometry";
import { belowMaxCount, newRegion, type ScalarParamValue } from "@/app/ui/scripts/scripts-form";
import { regionsFromFile, regionsToFile } from "@/app/ui/scripts/region-file";
import { ScalarParamsForm } from "@/app/ui/scripts/scalar-fields";

type Region = Record<string, ScalarParamValue>;

interface RegionsFieldProps {
  id: string;
  param: RegionsParam;
  label: string;
  value: Region[];
  onChange: (regions: Region[]) => void;
  /** The picture's size the regions divide (the tab's width × height): the canvas keeps its aspect ratio. */
  canvas?: RegionCanvas;
}

/** The tab's picture the regions divide: its size and, in img2img, the input image shown under the boxes. */
export interface RegionCanvas {
  width: number;
  height: number;
  image?: string | null;
}

/** One hue per region (Tiled Diffusion colours its boxes apart), repeated after eight. */
const COLOURS = ["#ef4444", "#3b82f6", "#22c55e", "#eab308", "#a855f7", "#06b6d4", "#f97316", "#ec4899"];
export const regionColour = (k: number) => COLOURS[k % COLOURS.length];

type Gesture =
  | { kind: "draw"; from: Point; to: Point }
  | { kind: "move"; index: number; from: Point; start: RegionBox }
  | { kind: "resize"; index: number; start: RegionBox };

const boxOf = (r: Region): RegionBox => ({ x: Number(r.x), y: Number(r.y), w: Number(r.w), h: Number(r.h) });
const percent = (v: number) => `${v * 100}%`;

export function RegionsField({ id, param, label, value: regions, onChange, canvas }: RegionsFieldProps) {
  const surface = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const [reference, setReference] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const picture = reference ?? canvas?.image ?? null;
  const canAdd = belowMaxCount(param, regions.length);
  const current = selected !== null && selected < regions.length ? selected : null;

  const showReference = (file: Blob) => void readImageBlob(file).then((source) => setReference(source.dataUrl), () => setReference(null));
  const point = (e: ReactPointerEvent) => canvasPoint(e.clientX, e.clientY, surface.current!.getBoundingClientRect());
  const setBox = (index: number, box: RegionBox) => onChange(regions.map((r, k) => (k === index ? { ...r, ...box } : r)));
  const remove = (index: number) => {
    onChange(regions.filter((_, k) => k !== index));
    setSelected(null);
  };
  const begin = (e: ReactPointerEvent, next: Gesture) => {
    e.preventDefault();
    e.stopPropagation();
    surface.current?.setPointerCapture?.(e.pointerId);
    setGesture(next);
  };

  const onPointerMove = (e: ReactPointerEvent) => {
    if (!gesture) return;
    const p = point(e);
    if (gesture.kind === "draw") setGesture({ ...gesture, to: p });
    else if (gesture.kind === "move") setBox(gesture.index, moveBox(gesture.start, p.x - gesture.from.x, p.y - gesture.from.y));
    else setBox(gesture.index, resizeBox(gesture.start, p));
  };
  const onPointerUp = (e: ReactPointerEvent) => {
    if (gesture?.kind === "draw") {
      const box = boxFromDrag(gesture.from, point(e));
      if (isDrawnBox(box) && canAdd) {
        onChange([...regions, newRegion(param, box)]);
        setSelected(regions.length);
      }
    }
    setGesture(null);
  };

  const drawing = gesture?.kind === "draw" ? boxFromDrag(gesture.from, gesture.to) : null;
  const aspect = canvas ? `${canvas.width} / ${canvas.height}` : "1 / 1";

  return (
    <ParamGroup id={id} title={label}>
      <div
        id={`${id}_canvas`}
        ref={surface}
        role="application"
        aria-label={`${label}: drag to draw a region`}
        tabIndex={0}
        onPointerDown={(e) => canAdd && begin(e, { kind: "draw", from: point(e), to: point(e) })}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={(e) => {
          if ((e.key === "Delete" || e.key === "Backspace") && current !== null) remove(current);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          const file = e.dataTransfer.files[0];
          if (file) showReference(file);
        }}
        style={{ aspectRatio: aspect }}
        className="relative w-full touch-none select-none overflow-hidden rounded border border-zinc-700 bg-zinc-950"
      >
        {picture && <img src={picture} alt="" className="pointer-events-none absolute inset-0 h-full w-full object-fill opacity-70" />}
        {regions.map((region, k) => {
          const box = boxOf(region);
          const active = k === current;
          const colour = regionColour(k);
          return (
            <div
              key={k}
              id={`${id}_region_${k}`}
              data-region-box={[box.x, box.y, box.w, box.h].join(",")}
              onPointerDown={(e) => {
                setSelected(k);
                begin(e, { kind: "move", index: k, from: point(e), start: box });
              }}
              data-region-colour={colour}
              style={{ left: percent(box.x), top: percent(box.y), width: percent(box.w), height: percent(box.h), borderColor: colour, backgroundColor: `${colour}${active ? "40" : "1a"}` }}
              className="absolute cursor-move border-2"
            >
              <span className="pointer-events-none absolute top-0 left-0.5 text-xs font-semibold text-white drop-shadow">{k + 1}</span>
              <button
                type="button"
                id={`${id}_region_${k}_delete`}
                aria-label={`Delete region ${k + 1}`}
                onPointerDown={(e) => e.stopPropagation()}
                onClick={() => remove(k)}
                className="absolute top-0 right-0 px-1 text-xs leading-none text-white hover:text-red-300"
              >
                ×
              </button>
              <div
                id={`${id}_region_${k}_resize`}
                aria-label={`Resize region ${k + 1}`}
                onPointerDown={(e) => {
                  setSelected(k);
                  begin(e, { kind: "resize", index: k, start: box });
                }}
                className="absolute right-0 bottom-0 h-3 w-3 translate-x-1/2 translate-y-1/2 cursor-nwse-resize rounded-sm border border-white bg-orange-500"
              />
            </div>
          );
        })}
        {drawing && (
          <div
            style={{ left: percent(drawing.x), top: percent(drawing.y), width: percent(drawing.w), height: percent(drawing.h) }}
            className="pointer-events-none absolute border-2 border-dashed border-orange-300"
          />
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-400">
        <span>
          {regions.length} region{regions.length === 1 ? "" : "s"}
          {param.maxCount !== undefined ? ` of at most ${param.maxCount}` : ""}
        </span>
        <TextButton
          id={`${id}_add`}
          disabled={!canAdd}
          onClick={() => {
            onChange([...regions, newRegion(param)]);
            setSelected(regions.length);
          }}
        >
          Add region
        </TextButton>
        <FileButton id={`${id}_reference`} accept="image/png,image/jpeg,image/webp" onFile={showReference}>
          Reference picture…
        </FileButton>
        <TextButton
          id={`${id}_save`}
          disabled={regions.length === 0}
          onClick={() => {
            const link = document.createElement("a");
            link.href = URL.createObjectURL(new Blob([regionsToFile(param, regions)], { type: "application/json" }));
            link.download = "config.json";
            link.click();
            URL.revokeObjectURL(link.href);
          }}
        >
          Save regions
        </TextButton>
        <FileButton
          id={`${id}_load`}
          accept="application/json,.json"
          onFile={(file) =>
            void file.text().then((text) => {
              const loaded = regionsFromFile(param, text);
              setFileError(typeof loaded === "string" ? loaded : null);
              if (typeof loaded !== "string") {
                onChange(loaded);
                setSelected(null);
              }
            })
          }
        >
          Load regions…
        </FileButton>
        {reference && (
          <TextButton id={`${id}_reference_clear`} onClick={() => setReference(null)}>
            Hide picture
          </TextButton>
        )}
        <span className="text-zinc-500">drag on the canvas to draw; drop a picture on it to see it underneath (it is not sent)</span>
      </div>
      {fileError && (
        <div id={`${id}_load_error`} role="alert" className="text-xs text-red-400">
          {fileError}
        </div>
      )}
      {current !== null && (
        <div id={`${id}_${current}`} className="flex flex-col gap-2 rounded border border-zinc-800 p-2">
          <div className="text-xs" style={{ color: regionColour(current) }}>
            Region {current + 1}
          </div>
          <ScalarParamsForm key={current} idPrefix={`${id}_${current}`} params={[...REGION_BOX_PARAMS, ...param.params]} values={regions[current]} onChange={(region) => onChange(regions.map((r, k) => (k === current ? region : r)))} />
        </div>
      )}
    </ParamGroup>
  );
}
