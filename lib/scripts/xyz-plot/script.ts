// The X/Y/Z plot as a selectable script (docs/a1111/xyz-plot.md): parse the three axes, run one child job
// per cell in the cheapest order, then assemble sub-grids per Z value and the main grid, annotate
// them, save the main grid as `xyz_grid-NNNN-<seed>.png` with the first cell's infotext plus the
// axis fields, and return [main grid, sub-grids?, cell images?].
import sharp from "sharp";
import type { InfotextValue } from "@/lib/infotext/values";
import { appendInfotextFields } from "@/lib/infotext/writer";
import { imageGrid, type GridCell } from "@/lib/images/grid";
import { drawGridAnnotations, type GridImage } from "@/lib/images/grid-annotation";
import { listCheckpoints } from "@/lib/models/checkpoints";
import type { GenerationResult } from "@/lib/queue/progress-report";
import { extensionXyzAxes } from "@/lib/scripts/extension-registry";
import { defineScript, givenApiArgs, type ScriptTab } from "@/lib/scripts/script";
import { axesForTab, axisValues, type AxisTarget, type AxisValue, type XyzAxis } from "@/lib/scripts/xyz-plot/axes";
import { cellIndex, cellRunOrder, type AxisName } from "@/lib/scripts/xyz-plot/cell-order";
import { fixAxisSeeds, isSeedAxis, randomSeed, seedOffset } from "@/lib/scripts/xyz-plot/seeds";

/** The job the script sees: its whole request, the base of every cell. */
interface XyzJob {
  request: AxisTarget & Record<string, unknown>;
}

interface ResolvedAxis {
  axis: XyzAxis;
  text: string;
  values: AxisValue[];
  fixed: boolean;
}

type Image = GenerationResult["images"][number];

function findAxis(tab: ScriptTab, label: string, registered: readonly XyzAxis[]): XyzAxis {
  const axis = axesForTab(tab, registered).find((a) => a.label === label);
  if (!axis) throw new Error(`X/Y/Z plot: axis "${label}" is not available in ${tab}`);
  return axis;
}

function resolveAxis(tab: ScriptTab, label: string, text: string, keepSeeds: boolean, registered: readonly XyzAxis[]): ResolvedAxis {
  const axis = findAxis(tab, label, registered);
  const values = axisValues(axis, text, { checkpoints: listCheckpoints().map((c) => c.name) });
  if (values.length === 0) throw new Error(`X/Y/Z plot: ${label} has no values`);
  const fixed = !keepSeeds && isSeedAxis(label);
  return { axis, text, values: fixed ? fixAxisSeeds(label, values) : values, fixed };
}

/** A white cell of the given size, for a cell whose job failed (A1111 logs and carries on). */
async function blankCell(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#ffffff" } }).png().toBuffer();
}

async function annotated(cells: GridCell[], rows: number, cols: string[], rowLabels: string[], margin: number, legend: boolean): Promise<GridImage> {
  const grid = await imageGrid(cells, rows);
  if (!legend) return grid;
  const w = Math.max(...cells.map((c) => c.width));
  const h = Math.max(...cells.map((c) => c.height));
  const label = (text: string) => [{ text, active: true }];
  return drawGridAnnotations(grid, w, h, cols.map(label), rowLabels.map(label), margin);
}

// Axis types are labels, checked when the plot starts: the list grows with extensions' axes.

// A1111's axis lists in its own order: API clients send `x_type` as an index into these (docs/a1111/xyz-plot.md#axis-types).
const A1111_TXT2IMG_AXES = [
  "Nothing", "Seed", "Var. seed", "Var. strength", "Steps", "Hires steps", "CFG Scale", "Prompt S/R", "Prompt order",
  "Sampler", "Hires sampler", "Checkpoint name", "Negative Guidance minimum sigma", "Sigma Churn", "Sigma min",
  "Sigma max", "Sigma noise", "Schedule type", "Schedule min sigma", "Schedule max sigma", "Schedule rho",
  "Beta schedule alpha", "Beta schedule beta", "Eta", "Clip skip", "Denoising", "Initial noise multiplier",
  "Extra noise", "Hires upscaler", "VAE", "Styles", "UniPC Order", "Face restore", "Token merging ratio",
  "Token merging ratio high-res", "Always discard next-to-last sigma", "SGM noise multiplier", "Refiner checkpoint",
  "Refiner switch at", "RNG source", "FP8 mode", "Size",
];
const A1111_IMG2IMG_AXES = [
  "Nothing", "Seed", "Var. seed", "Var. strength", "Steps", "CFG Scale", "Image CFG Scale", "Prompt S/R", "Prompt order",
  "Sampler", "Checkpoint name", "Negative Guidance minimum sigma", "Sigma Churn", "Sigma min", "Sigma max", "Sigma noise",
  "Schedule type", "Schedule min sigma", "Schedule max sigma", "Schedule rho", "Beta schedule alpha", "Beta schedule beta",
  "Eta", "Clip skip", "Denoising", "Initial noise multiplier", "Extra noise", "Cond. Image Mask Weight", "VAE", "Styles",
  "UniPC Order", "Face restore", "Token merging ratio", "Token merging ratio high-res", "Always discard next-to-last sigma",
  "SGM noise multiplier", "Refiner checkpoint", "Refiner switch at", "RNG source", "FP8 mode", "Size",
];

/** An axis type as A1111 clients send it: an index into A1111's list for the tab, or a label. */
function axisLabel(value: unknown, tab: ScriptTab): unknown {
  if (typeof value !== "number") return value;
  const label = (tab === "txt2img" ? A1111_TXT2IMG_AXES : A1111_IMG2IMG_AXES)[value];
  if (label === undefined) throw new Error(`X/Y/Z plot: axis index ${value} is out of range`);
  return label;
}

/** Values from the text box, or from the dropdown list when A1111's UI sent one. */
function axisText(text: unknown, dropdown: unknown): unknown {
  return Array.isArray(dropdown) && dropdown.length > 0 ? dropdown.map(String).join(",") : text;
}

export const xyzPlotScript = defineScript({
  id: "x/y/z plot",
  title: "X/Y/Z plot",
  tabs: ["txt2img", "img2img"],
  kind: "selectable",
  params: [
    { name: "x_type", type: "string", default: "Seed", group: "X", label: "X type" },
    { name: "x_values", type: "string", default: "", group: "X" },
    { name: "y_type", type: "string", default: "Nothing", group: "Y", label: "Y type" },
    { name: "y_values", type: "string", default: "", group: "Y" },
    { name: "z_type", type: "string", default: "Nothing", group: "Z", label: "Z type" },
    { name: "z_values", type: "string", default: "", group: "Z" },
    { name: "draw_legend", type: "bool", default: true, label: "Draw legend" },
    { name: "include_lone_images", type: "bool", default: false, label: "Include Sub Images" },
    { name: "include_sub_grids", type: "bool", default: false, label: "Include Sub Grids" },
    { name: "no_fixed_seeds", type: "bool", default: false, label: "Keep -1 for seeds" },
    { name: "vary_seeds_x", type: "bool", default: false, label: "Vary seeds for X" },
    { name: "vary_seeds_y", type: "bool", default: false, label: "Vary seeds for Y" },
    { name: "vary_seeds_z", type: "bool", default: false, label: "Vary seeds for Z" },
    { name: "margin_size", type: "int", default: 0, min: 0, max: 500, step: 2, label: "Grid margins (px)" },
  ],
  // A1111's positional layout: x_type, x_values, x_values_dropdown, y_…, z_…, draw_legend,
  // include_lone_images, include_sub_grids, no_fixed_seeds, vary_seeds_x/y/z, margin_size, csv_mode.
  apiArgs(args, tab) {
    const [xt, xv, xd, yt, yv, yd, zt, zv, zd, legend, lone, subGrids, noFixed, vx, vy, vz, margin] = args;
    return givenApiArgs({
      x_type: axisLabel(xt, tab), x_values: axisText(xv, xd),
      y_type: axisLabel(yt, tab), y_values: axisText(yv, yd),
      z_type: axisLabel(zt, tab), z_values: axisText(zv, zd),
      draw_legend: legend, include_lone_images: lone, include_sub_grids: subGrids, no_fixed_seeds: noFixed,
      vary_seeds_x: vx, vary_seeds_y: vy, vary_seeds_z: vz, margin_size: margin,
    });
  },
  hooks: {
    async run(ctx) {
      const a = ctx.args;
      const base = (ctx.job as XyzJob).request;
      const keepSeeds = a.no_fixed_seeds;
      const registered = await extensionXyzAxes();
      const axes: Record<AxisName, ResolvedAxis> = {
        x: resolveAxis(ctx.kind, a.x_type, a.x_values, keepSeeds, registered),
        y: resolveAxis(ctx.kind, a.y_type, a.y_values, keepSeeds, registered),
        z: resolveAxis(ctx.kind, a.z_type, a.z_values, keepSeeds, registered),
      };
      // One concrete seed for every cell, so the grid can be made again from its infotext.
      const seed = !keepSeeds && base.seed === -1 ? randomSeed() : base.seed;
      const subseed = !keepSeeds && base.subseed === -1 ? randomSeed() : base.subseed;
      const counts = { x: axes.x.values.length, y: axes.y.values.length, z: axes.z.values.length };
      const vary = { x: a.vary_seeds_x, y: a.vary_seeds_y, z: a.vary_seeds_z };

      const cells: Array<Image | null> = new Array(counts.x * counts.y * counts.z).fill(null);
      // Progress spans every cell's batches ("Batch 4 out of 6"), as A1111 counts cells × batch count.
      ctx.services.progress.reserveJobs(cells.length * (typeof base.nIter === "number" ? base.nIter : 1));
      let firstInfotext: string | null = null;
      // The result's `info` is the first cell's, with the per-image lists of the grid (A1111's draw_xyz_grid).
      let firstInfo: Record<string, unknown> = {};
      const cellPrompts: string[] = new Array(cells.length).fill("");
      const cellSeeds: number[] = new Array(cells.length).fill(seed);
      for (const cell of cellRunOrder(counts, { x: axes.x.axis.cost, y: axes.y.axis.cost, z: axes.z.axis.cost })) {
        if (ctx.services.progress.interrupted) break;
        let params: AxisTarget & Record<string, unknown> = { ...base, seed, subseed };
        params = axes.x.axis.apply(params, axes.x.values[cell.ix], axes.x.values);
        params = axes.y.axis.apply(params, axes.y.values[cell.iy], axes.y.values);
        params = axes.z.axis.apply(params, axes.z.values[cell.iz], axes.z.values);
        params = { ...params, seed: params.seed + seedOffset(cell.ix, cell.iy, cell.iz, counts, vary) };
        const index = cellIndex(cell, counts.x, counts.y);
        try {
          const result = await ctx.services.runChild(ctx.kind, params);
          cells[index] = result.images[0] ?? null;
          if (index === 0 || firstInfotext === null) {
            firstInfotext = result.images[0]?.infotext ?? firstInfotext;
            firstInfo = result.info;
          }
          cellPrompts[index] = typeof result.info.prompt === "string" ? result.info.prompt : String(params.prompt ?? "");
          cellSeeds[index] = typeof result.info.seed === "number" ? result.info.seed : params.seed;
        } catch (e) {
          console.error(`X/Y/Z plot: cell ${index} failed:`, e);
        }
      }
      const done = cells.filter((c): c is Image => c !== null);
      if (done.length === 0) return { images: [], info: { infotexts: [] } };
      const width = Math.max(...done.map((c) => c.width));
      const height = Math.max(...done.map((c) => c.height));
      const gridCells: GridCell[] = await Promise.all(
        cells.map(async (c) => (c ? { png: c.png, width: c.width, height: c.height } : { png: await blankCell(width, height), width, height })),
      );

      const legend = (r: ResolvedAxis) => r.values.map((v) => r.axis.legend(v));
      const subGrids: GridImage[] = [];
      for (let iz = 0; iz < counts.z; iz++) {
        const ofZ = gridCells.slice(iz * counts.x * counts.y, (iz + 1) * counts.x * counts.y);
        subGrids.push(await annotated(ofZ, counts.y, legend(axes.x), legend(axes.y), a.margin_size, a.draw_legend));
      }
      const main = counts.z === 1 ? subGrids[0] : await annotated(subGrids, 1, legend(axes.z), [""], 0, a.draw_legend);

      const fields = new Map<string, InfotextValue>([["Script", "X/Y/Z plot"]]);
      for (const [name, r] of [["X", axes.x], ["Y", axes.y], ["Z", axes.z]] as const) {
        if (r.axis.label === "Nothing") continue;
        fields.set(`${name} Type`, r.axis.label);
        fields.set(`${name} Values`, r.text);
        if (r.fixed) fields.set(`Fixed ${name} Values`, r.values.join(", "));
      }
      const infotext = appendInfotextFields(firstInfotext ?? "", fields);
      const mainPng = main.png;
      const saved = ctx.services.settings.grid_save && base.saveImages !== false
        ? await ctx.services.saveImage(mainPng, infotext, { basename: "xyz_grid", grid: true, seed })
        : null;
      const gridImage: Image = {
        url: saved ? `/files/${saved.relativePath}` : `data:image/png;base64,${mainPng.toString("base64")}`,
        width: main.width,
        height: main.height,
        infotext,
        savedPath: saved?.relativePath ?? null,
        png: mainPng,
      };
      const images: Image[] = [gridImage];
      if (a.include_sub_grids && counts.z > 1) {
        for (const g of subGrids) images.push({ url: `data:image/png;base64,${g.png.toString("base64")}`, width: g.width, height: g.height, infotext, savedPath: null, png: g.png });
      }
      const grids = images.length;
      const prompts = cells.flatMap((c, i) => (c ? [cellPrompts[i]] : []));
      const seeds = cells.flatMap((c, i) => (c ? [cellSeeds[i]] : []));
      if (a.include_lone_images) images.push(...done);
      const lone = a.include_lone_images ? { prompts, seeds } : { prompts: [], seeds: [] };
      return {
        images,
        info: {
          ...firstInfo,
          all_prompts: [...new Array(grids).fill(prompts[0] ?? ""), ...lone.prompts],
          all_seeds: [...new Array(grids).fill(seeds[0] ?? seed), ...lone.seeds],
          infotexts: images.map((i) => i.infotext),
          index_of_first_image: a.include_lone_images ? grids : 0,
        },
      };
    },
  },
});
