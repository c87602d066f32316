// A1111's "Prompt matrix" script (docs/builtin-scripts.md): the prompt (or negative prompt) is split at
// "|"; every combination of the optional parts (2^(n−1) of them, combination k taking the parts whose
// bit is set in k) becomes one image, in one job whose per-image prompts are those combinations. The
// result is the images plus a grid whose column and row headers list the parts, struck through where
// a cell leaves them out, saved as prompt_matrix-NNNN-<seed>.png.
import { drawGridAnnotations, type GridAnnotation } from "@/lib/images/grid-annotation";
import { imageGrid } from "@/lib/images/grid";
import { fixedSeed } from "@/lib/rng/seeds";
import { defineScript } from "@/lib/scripts/script";

interface MatrixJob {
  request: { prompt: string; negativePrompt: string; seed: number; batchSize: number; overrideSettings: Record<string, unknown>; saveImages: boolean } & Record<string, unknown>;
}

/** Python's str.strip() then .strip(","). */
const cleanPart = (text: string) => text.trim().replace(/^,+|,+$/g, "");

/** The combinations in A1111's order: the first part, then (or before it) the parts whose bit is set. */
export function promptMatrixPrompts(prompt: string, putAtStart: boolean, delimiter: string): string[] {
  const [first, ...optional] = prompt.split("|");
  return Array.from({ length: 2 ** optional.length }, (_, k) => {
    const selected = optional.filter((_, n) => k & (1 << n)).map(cleanPart);
    return (putAtStart ? [...selected, first] : [first, ...selected]).join(delimiter);
  });
}

/** A1111's draw_prompt_matrix labels: the first half of the optional parts on columns, the rest on rows. */
export function promptMatrixLabels(prompt: string): { columns: GridAnnotation[][]; rows: GridAnnotation[][] } {
  const optional = prompt.split("|").slice(1);
  const boundary = Math.ceil(optional.length / 2);
  const labels = (parts: string[]) => Array.from({ length: 2 ** parts.length }, (_, pos) => parts.map((text, i) => ({ text, active: (pos & (1 << i)) !== 0 })));
  return { columns: labels(optional.slice(0, boundary)), rows: labels(optional.slice(boundary)) };
}

export const promptMatrixScript = defineScript({
  title: "Prompt matrix",
  tabs: ["txt2img", "img2img"],
  kind: "selectable",
  params: [
    { name: "put_at_start", type: "bool", default: false, label: "Put variable parts at start of prompt" },
    { name: "different_seeds", type: "bool", default: false, label: "Use different seed for each picture" },
    { name: "prompt_type", type: "choice", choices: ["positive", "negative"], default: "positive", label: "Select prompt" },
    { name: "variations_delimiter", type: "choice", choices: ["comma", "space"], default: "comma", label: "Select joining char" },
    { name: "margin_size", type: "int", default: 0, min: 0, max: 500, step: 2, label: "Grid margins (px)" },
  ],
  hooks: {
    async run(ctx) {
      const a = ctx.args;
      const base = (ctx.job as MatrixJob).request;
      const seed = fixedSeed(base.seed);
      const source = a.prompt_type === "positive" ? base.prompt : base.negativePrompt;
      const prompts = promptMatrixPrompts(source, a.put_at_start, a.variations_delimiter === "comma" ? ", " : " ");
      // One job for all combinations (A1111: n_iter = ceil(count / batch size)); a batch size that does not
      // divide the count runs one image a batch, which gives the same pictures.
      const batchSize = prompts.length % base.batchSize === 0 ? base.batchSize : 1;
      const result = await ctx.services.runChild(ctx.kind, {
        ...base,
        seed,
        batchSize,
        nIter: prompts.length / batchSize,
        ...(a.prompt_type === "positive" ? { allPrompts: prompts } : { allNegativePrompts: prompts }),
        allSeeds: prompts.map((_, i) => seed + (a.different_seeds ? i : 0)),
        overrideSettings: { ...base.overrideSettings, return_grid: false, grid_save: false },
      });
      const images = result.images;
      if (images.length === 0) return result;
      const parts = source.split("|").length - 1;
      const grid = await imageGrid(images, 1 << Math.floor(parts / 2));
      const { columns, rows } = promptMatrixLabels(source);
      const annotated = await drawGridAnnotations(grid, images[0].width, images[0].height, columns, rows, a.margin_size);
      const infotext = images[0].infotext;
      const saved = ctx.services.settings.grid_save && base.saveImages !== false
        ? await ctx.services.saveImage(annotated.png, infotext, { basename: "prompt_matrix", grid: true, seed, prompt: source })
        : null;
      const gridImage = {
        url: saved ? `/files/${saved.relativePath}` : `data:image/png;base64,${annotated.png.toString("base64")}`,
        width: annotated.width,
        height: annotated.height,
        infotext,
        savedPath: saved?.relativePath ?? null,
        png: annotated.png,
      };
      const all = [gridImage, ...images];
      return { images: all, info: { ...result.info, infotexts: all.map((i) => i.infotext), index_of_first_image: 1 } };
    },
  },
});
