// A1111's built-in "SD upscale" img2img script (docs/builtin-scripts.md#sd-upscale): the init image is upscaled
// by the scale factor with the chosen upscaler, cut into img2img-sized tiles that overlap by `overlap` pixels
// (A1111's split_grid), every tile redrawn with img2img — batch size tiles per job, seed + 1 per job — and the
// tiles put back with combine_grid's blended seams. One image per batch count.
import { decodeImage } from "@/lib/images/decode-image";
import { encodePng } from "@/lib/images/png-encode";
import { combineGrid, splitGrid } from "@/lib/images/tile-grid";
import { fixedSeed } from "@/lib/rng/seeds";
import { resultImage, type EncodedImage } from "@/lib/scripts/result-image";
import { defineScript, givenApiArgs } from "@/lib/scripts/script";

export const sdUpscaleScript = defineScript({
  title: "SD upscale",
  tabs: ["img2img"],
  kind: "selectable",
  params: [
    { name: "overlap", type: "int", default: 64, min: 0, max: 256, step: 16, label: "Tile overlap" },
    // The radio's index into the upscaler list (A1111's `type="index"`) or a name; bound to the name.
    { name: "upscaler", type: "choice", choices: ["None"], choicesFrom: "upscalers", default: "None", label: "Upscaler" },
    { name: "scale_factor", type: "number", default: 2, min: 1, max: 4, step: 0.05, label: "Scale Factor" },
  ],
  // A1111's positional layout: the info label, overlap, upscaler (index or name), scale factor.
  apiArgs: ([, overlap, upscaler, scaleFactor]) => givenApiArgs({ overlap, upscaler, scale_factor: scaleFactor }),
  hooks: {
    async run(ctx) {
      const a = ctx.args;
      const base = ctx.job.request;
      if (!base.initImages?.[0]) throw new Error("SD upscale needs an init image");
      const { progress, settings, upscalers } = ctx.services;
      const upscaler = a.upscaler;
      const fields = { "SD upscale overlap": a.overlap, "SD upscale upscaler": upscaler };
      for (const [key, value] of Object.entries(fields)) ctx.setInfotext(key, value);
      const init = await decodeImage(base.initImages[0], "init image", settings.img2img_background_color);
      // "None" leaves the picture at its size, as A1111's script does.
      const upscaled = upscaler === "None" ? init : await upscalers.upscale(init, a.scale_factor, upscaler);
      const tileCount = splitGrid(upscaled, base.width, base.height, a.overlap).rows.reduce((sum, row) => sum + row.tiles.length, 0);
      const batchSize = base.batchSize;
      const batches = Math.ceil(tileCount / batchSize);
      const jobs = batches * base.nIter;
      progress.reserveJobs(jobs);

      const seed = fixedSeed(base.seed);
      let first: { info: Record<string, unknown>; infotext: string } | null = null;
      const images: EncodedImage[] = [];
      for (let n = 0; n < base.nIter && !progress.interrupted; n++) {
        // A fresh grid per batch count: the redrawn tiles replace its cells.
        const grid = splitGrid(upscaled, base.width, base.height, a.overlap);
        const cells = grid.rows.flatMap((row) => row.tiles);
        // Each job's seed is the previous job's + 1, from seed + n (A1111's `p.seed = processed.seed + 1`).
        let jobSeed = seed + n;
        let done = 0;
        for (let i = 0; i < batches && !progress.interrupted; i++) {
          progress.job = `Batch ${i + 1 + n * batches} out of ${jobs}`;
          const batch = cells.slice(i * batchSize, (i + 1) * batchSize);
          const result = await ctx.services.runChild("img2img", {
            ...base,
            initImages: await Promise.all(batch.map((cell) => encodePng(cell.image))),
            batchSize: batch.length,
            nIter: 1,
            seed: jobSeed,
            saveImages: false,
            extraGenerationParams: { ...base.extraGenerationParams, ...fields },
            overrideSettings: { ...base.overrideSettings, return_grid: false, grid_save: false },
          });
          const pictures = result.images.slice(Number(result.info.index_of_first_image ?? 0));
          if (pictures.length === 0) break;
          first ??= { info: result.info, infotext: pictures[0].infotext };
          for (const [k, picture] of pictures.slice(0, batch.length).entries()) batch[k].image = await decodeImage(picture.png);
          done += pictures.length;
          jobSeed += 1;
        }
        // Tiles that never ran (interrupted) are black, as A1111 leaves them.
        for (const cell of cells.slice(done)) cell.image = { width: base.width, height: base.height, data: new Uint8Array(base.width * base.height * 3) };
        const combined = combineGrid(grid);
        const infotext = first?.infotext ?? "";
        images.push(await resultImage(ctx.services, await encodePng(combined), combined, infotext, settings.samples_save && base.saveImages, { seed: seed + n, prompt: base.prompt }));
      }
      return { images, info: { ...(first?.info ?? {}), seed, width: upscaled.width, height: upscaled.height, infotexts: images.map((i) => i.infotext), index_of_first_image: 0 } };
    },
  },
});
