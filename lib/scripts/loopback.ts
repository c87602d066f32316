// A1111's "Loopback" img2img script (docs/builtin-scripts.md): each batch runs `loops` img2img jobs in
// a row, each starting from the previous result, seed + 1 each time, the denoising strength moving
// from the job's own to the final one along the chosen curve; masked content becomes "original" after
// the first loop. The result is one image per loop (one batch) or the last image of each batch, with a
// one-row grid of them in front; infotext gains "Final denoising strength" and "Denoising curve".
import { imageGrid } from "@/lib/images/grid";
import { fixedSeed } from "@/lib/rng/seeds";
import { resultImage, type EncodedImage } from "@/lib/scripts/result-image";
import { defineScript } from "@/lib/scripts/script";
import { pyFloat } from "@/lib/python/str";

interface LoopJob {
  request: {
    seed: number;
    nIter: number;
    denoisingStrength: number;
    inpaintingFill: number;
    initImages: Uint8Array[];
    saveImages: boolean;
    floatNumbers: boolean;
    overrideSettings: Record<string, unknown>;
  } & Record<string, unknown>;
}

/** The strength for loop `loop` (0-based) of `loops`: the curve's progress between initial and final. */
export function loopbackStrength(loop: number, loops: number, initial: number, final: number, curve: string): number {
  if (loops === 1) return initial;
  const progress = loop / (loops - 1);
  const shape = curve === "Aggressive" ? Math.sin(progress * Math.PI * 0.5) : curve === "Lazy" ? 1 - Math.cos(progress * Math.PI * 0.5) : progress;
  return initial + (final - initial) * shape;
}

export const loopbackScript = defineScript({
  title: "Loopback",
  tabs: ["img2img"],
  kind: "selectable",
  params: [
    { name: "loops", type: "int", default: 4, min: 1, max: 32, step: 1, label: "Loops" },
    { name: "final_denoising_strength", type: "number", default: 0.5, min: 0, max: 1, step: 0.01, label: "Final denoising strength" },
    { name: "denoising_curve", type: "choice", choices: ["Aggressive", "Linear", "Lazy"], default: "Linear", label: "Denoising strength curve" },
    { name: "append_interrogation", type: "choice", choices: ["None", "CLIP", "DeepBooru"], default: "None", label: "Append interrogated prompt at each iteration" },
  ],
  hooks: {
    async run(ctx) {
      const a = ctx.args;
      if (a.append_interrogation !== "None") throw new Error(`Loopback: ${a.append_interrogation} interrogation is not available (no interrogator is installed)`);
      const base = (ctx.job as LoopJob).request;
      const progress = ctx.services.progress;
      const batches = base.nIter;
      progress.reserveJobs(a.loops * batches);
      const extra = { "Final denoising strength": base.floatNumbers ? pyFloat(a.final_denoising_strength) : a.final_denoising_strength, "Denoising curve": a.denoising_curve };
      let seed = fixedSeed(base.seed);
      let firstInfo: Record<string, unknown> | null = null;
      let firstSeed: number | null = null;
      const history: EncodedImage[] = [];
      for (let n = 0; n < batches && !progress.interrupted; n++) {
        let init = base.initImages;
        let strength = base.denoisingStrength;
        let fill = base.inpaintingFill;
        let last: EncodedImage | null = null;
        for (let i = 0; i < a.loops; i++) {
          progress.job = `Iteration ${i + 1}/${a.loops}, batch ${n + 1}/${batches}`;
          const result = await ctx.services.runChild("img2img", {
            ...base,
            seed,
            batchSize: 1,
            nIter: 1,
            initImages: init,
            denoisingStrength: strength,
            inpaintingFill: fill,
            extraGenerationParams: extra,
            overrideSettings: { ...base.overrideSettings, return_grid: false, grid_save: false },
          });
          if (progress.interrupted || progress.stoppingGeneration) break;
          firstInfo ??= result.info;
          firstSeed ??= seed;
          seed += 1;
          strength = loopbackStrength(i + 1, a.loops, base.denoisingStrength, a.final_denoising_strength, a.denoising_curve);
          if (progress.skipped || !result.images[0]) break;
          last = result.images[0];
          init = [last.png];
          fill = 1; // "original" for the loops after the first
          if (batches === 1) history.push(last);
        }
        if (batches > 1 && last && !progress.skipped && !progress.interrupted) history.push(last);
      }
      const images: EncodedImage[] = [...history];
      const { settings } = ctx.services;
      const save = settings.grid_save && base.saveImages !== false;
      if (history.length > 1 && (settings.return_grid || save)) {
        const grid = await imageGrid(history, 1);
        const infotext = history[0].infotext;
        const gridImage = await resultImage(ctx.services, grid.png, grid, infotext, save, { basename: "grid", grid: true, seed: firstSeed ?? seed });
        if (settings.return_grid) images.unshift(gridImage);
      }
      const grids = images.length - history.length;
      return { images, info: { ...(firstInfo ?? {}), seed: firstSeed ?? seed, infotexts: images.map((i) => i.infotext), index_of_first_image: grids } };
    },
  },
});
