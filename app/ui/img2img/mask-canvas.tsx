"use client";
// The Inpaint, Sketch and Inpaint sketch sub-tabs' editor: the image with a transparent canvas of the
// image's own pixel size laid over it, on which the pointer paints opaque strokes (eraser: back to
// transparent) — white on Inpaint, the chosen colour on the sketch tabs. On Inpaint the stroke layer
// itself is the mask the server receives: a PNG whose alpha marks what to repaint, read the way A1111
// reads its inpaint canvas (alpha binarised at > 128). The sketch tabs send the image with the strokes
// drawn on it (sketchedImage), and Inpaint sketch the stroke layer as the mask too, as A1111 does
// (docs/ui.md#sketch-and-inpaint-sketch).
import { useRef, useState, type PointerEvent, type RefObject } from "react";
import { Eraser, Undo2, X } from "lucide-react";
import { SliderField } from "@/app/ui/controls/slider-field";
import { ToolButton } from "@/app/ui/controls/tool-button";
import type { ImageSource } from "@/app/ui/generation/image-source";

interface MaskCanvasProps {
  idPrefix: string;
  /** Names the controls' ids: "mask" gives <idPrefix>_mask_canvas, <idPrefix>_mask_brush_size, … */
  tool: string;
  /** Names the image's ids: "inpaint" gives <idPrefix>_inpaint_image_preview and <idPrefix>_inpaint_remove. */
  imageName: string;
  /** Strokes in a colour picked beside the brush size (the sketch tabs), else white. */
  colour?: boolean;
  image: ImageSource;
  /** The stroke layer, for the tab to export when it generates. */
  canvasRef: RefObject<HTMLCanvasElement | null>;
  onRemoveImage: () => void;
}

interface Point {
  x: number;
  y: number;
}

/** Undo keeps this many strokes back; each snapshot is a full RGBA copy of the layer. */
const UNDO_DEPTH = 20;

export function MaskCanvas({ idPrefix, tool, imageName, colour = false, image, canvasRef, onRemoveImage }: MaskCanvasProps) {
  const [strokeColour, setStrokeColour] = useState("#ffffff");
  // Brush diameter in image pixels, so a stroke covers the same part of the picture at any zoom.
  const [brushSize, setBrushSize] = useState(() => Math.max(1, Math.round(Math.max(image.width, image.height) / 16)));
  const [erasing, setErasing] = useState(false);
  const [undoDepth, setUndoDepth] = useState(0);
  const undo = useRef<ImageData[]>([]);
  const last = useRef<Point | null>(null);

  const context = () => canvasRef.current?.getContext("2d") ?? null;

  /** The pointer in image pixels: the canvas is drawn scaled to fit the page. */
  const toImage = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const canvas = e.currentTarget;
    const box = canvas.getBoundingClientRect();
    return { x: ((e.clientX - box.left) * canvas.width) / box.width, y: ((e.clientY - box.top) * canvas.height) / box.height };
  };

  const paint = (ctx: CanvasRenderingContext2D, from: Point, to: Point) => {
    ctx.globalCompositeOperation = erasing ? "destination-out" : "source-over";
    ctx.fillStyle = ctx.strokeStyle = strokeColour;
    ctx.lineWidth = brushSize;
    ctx.lineCap = ctx.lineJoin = "round";
    ctx.beginPath();
    // A click without movement still leaves a dot.
    if (from.x === to.x && from.y === to.y) {
      ctx.arc(to.x, to.y, brushSize / 2, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    }
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!ctx || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    undo.current = [...undo.current.slice(1 - UNDO_DEPTH), ctx.getImageData(0, 0, image.width, image.height)];
    setUndoDepth(undo.current.length);
    last.current = toImage(e);
    paint(ctx, last.current, last.current);
  };

  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!ctx || !last.current) return;
    const point = toImage(e);
    paint(ctx, last.current, point);
    last.current = point;
  };

  const up = () => {
    last.current = null;
  };

  const undoStroke = () => {
    const snapshot = undo.current.pop();
    setUndoDepth(undo.current.length);
    if (snapshot) context()?.putImageData(snapshot, 0, 0);
  };

  const clear = () => {
    const ctx = context();
    if (!ctx) return;
    undo.current = [...undo.current.slice(1 - UNDO_DEPTH), ctx.getImageData(0, 0, image.width, image.height)];
    setUndoDepth(undo.current.length);
    ctx.clearRect(0, 0, image.width, image.height);
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-center rounded border border-zinc-800 bg-zinc-950 p-1">
        <div className="relative inline-block">
          <img id={`${idPrefix}_${imageName}_image_preview`} src={image.dataUrl} alt="Image to draw on" draggable={false} className="block max-h-[60vh] max-w-full select-none" />
          <canvas
            id={`${idPrefix}_${tool}_canvas`}
            ref={canvasRef}
            width={image.width}
            height={image.height}
            onPointerDown={down}
            onPointerMove={move}
            onPointerUp={up}
            onPointerCancel={up}
            className={`absolute inset-0 h-full w-full cursor-crosshair touch-none ${colour ? "" : "opacity-70"}`}
          />
        </div>
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-end gap-3">
        <SliderField id={`${idPrefix}_${tool}_brush_size`} label="Brush size" min={1} max={256} step={1} value={brushSize} onChange={setBrushSize} />
        <div className="flex gap-1">
          {colour && <input id={`${idPrefix}_${tool}_colour`} type="color" title="Brush colour" value={strokeColour} onChange={(e) => setStrokeColour(e.target.value)} className="h-8 w-8 cursor-pointer rounded border border-zinc-700 bg-zinc-950" />}
          <label className="flex h-8 items-center gap-1.5 px-1 text-sm text-zinc-300">
            <input id={`${idPrefix}_${tool}_eraser`} type="checkbox" checked={erasing} onChange={(e) => setErasing(e.target.checked)} className="accent-orange-500" />
            Eraser
          </label>
          <ToolButton id={`${idPrefix}_${tool}_undo`} title="Undo the last stroke" icon={Undo2} onClick={undoStroke} disabled={undoDepth === 0} />
          <ToolButton id={`${idPrefix}_${tool}_clear`} title={colour ? "Clear the sketch" : "Clear the mask"} icon={Eraser} onClick={clear} />
          <ToolButton id={`${idPrefix}_${imageName}_remove`} title="Remove the image" icon={X} onClick={onRemoveImage} />
        </div>
      </div>
    </div>
  );
}

/** The image with the stroke layer drawn over it, as a PNG data URL of the image's size (the sketch tabs' init image). */
export async function sketchedImage(image: ImageSource, strokes: HTMLCanvasElement): Promise<string> {
  const picture = new Image();
  picture.src = image.dataUrl;
  await picture.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext("2d")!;
  ctx.drawImage(picture, 0, 0, image.width, image.height);
  ctx.drawImage(strokes, 0, 0);
  return canvas.toDataURL("image/png");
}
