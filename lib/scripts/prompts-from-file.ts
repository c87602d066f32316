// A1111's "Prompts from file or textbox" script (docs/builtin-scripts.md): one job per non-empty line.
// A line is a prompt, or — when it contains "--" — command-line style options (`--prompt "a cat"
// --steps 30 --seed 5`) that set that job's parameters; a line that does not parse is taken as the
// prompt. With a prompt in the tab, a line's prompt goes before or after it.
import { findSampler } from "@/lib/sampling/registry";
import { shlexSplit } from "@/lib/python/shlex";
import { fixedSeed } from "@/lib/rng/seeds";
import { randomSeed } from "@/lib/scripts/xyz-plot/seeds";
import { pythonFloat } from "@/lib/python/float";
import { pythonInt } from "@/lib/python/int";
import { defineScript } from "@/lib/scripts/script";

interface LineJob {
  request: { prompt: string; negativePrompt: string; seed: number; batchSize: number; nIter: number; overrideSettings: Record<string, unknown> } & Record<string, unknown>;
}

type Tag = "string" | "int" | "float" | "bool";

/** A1111's prompt_tags: option → value type, and the job parameter it sets (null: accepted, no effect here). */
const TAGS: Record<string, [Tag, string | null]> = {
  outpath_samples: ["string", null],
  outpath_grids: ["string", null],
  prompt_for_display: ["string", null],
  prompt: ["string", "prompt"],
  negative_prompt: ["string", "negativePrompt"],
  styles: ["string", null],
  seed: ["int", "seed"],
  subseed_strength: ["float", "subseedStrength"],
  subseed: ["int", "subseed"],
  seed_resize_from_h: ["int", "seedResizeFromH"],
  seed_resize_from_w: ["int", "seedResizeFromW"],
  sampler_index: ["int", null],
  sampler_name: ["string", "samplerName"],
  batch_size: ["int", "batchSize"],
  n_iter: ["int", "nIter"],
  steps: ["int", "steps"],
  cfg_scale: ["float", "cfgScale"],
  width: ["int", "width"],
  height: ["int", "height"],
  restore_faces: ["bool", "restoreFaces"],
  tiling: ["bool", "tiling"],
  do_not_save_samples: ["bool", "doNotSaveSamples"],
  do_not_save_grid: ["bool", null],
};

const castTag = (type: Tag, text: string): unknown => (type === "int" ? pythonInt(text) : type === "float" ? pythonFloat(text) : type === "bool" ? text === "true" : text);

/** A1111's cmdargs: `--tag value` pairs; prompts take every word up to the next `--`. Throws on anything else. */
export function parsePromptLine(line: string): Record<string, unknown> {
  const args = shlexSplit(line);
  const out: Record<string, unknown> = {};
  for (let pos = 0; pos < args.length; ) {
    const arg = args[pos];
    if (!arg.startsWith("--")) throw new Error(`must start with "--": ${arg}`);
    if (pos + 1 >= args.length) throw new Error(`missing argument for command line option ${arg}`);
    const tag = arg.slice(2);
    if (tag === "prompt" || tag === "negative_prompt") {
      const words = [args[++pos]];
      for (pos++; pos < args.length && !args[pos].startsWith("--"); pos++) words.push(args[pos]);
      out[tag] = words.join(" ");
      continue;
    }
    const spec = TAGS[tag];
    if (!spec) throw new Error(`unknown commandline option: ${arg}`);
    // An unknown sampler name becomes None in A1111 (then the job's own sampler is used here).
    out[tag] = tag === "sampler_name" ? (findSampler(args[pos + 1])?.name ?? null) : castTag(spec[0], args[pos + 1]);
    pos += 2;
  }
  return out;
}

/** The lines' jobs: each line's options, or the line as the prompt. */
export function promptLines(text: string): Array<Record<string, unknown>> {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      if (!line.includes("--")) return { prompt: line };
      try {
        return parsePromptLine(line);
      } catch {
        return { prompt: line };
      }
    });
}

export const promptsFromFileScript = defineScript({
  title: "Prompts from file or textbox",
  tabs: ["txt2img", "img2img"],
  kind: "selectable",
  params: [
    { name: "checkbox_iterate", type: "bool", default: false, label: "Iterate seed every line" },
    { name: "checkbox_iterate_batch", type: "bool", default: false, label: "Use same random seed for all lines" },
    { name: "prompt_position", type: "choice", choices: ["start", "end"], default: "start", label: "Insert prompts at the" },
    { name: "prompt_txt", type: "string", default: "", multiline: true, label: "List of prompt inputs" },
  ],
  hooks: {
    async run(ctx) {
      const a = ctx.args;
      const base = (ctx.job as LineJob).request;
      const jobs = promptLines(a.prompt_txt);
      ctx.services.progress.reserveJobs(jobs.reduce((n, j) => n + (typeof j.n_iter === "number" ? j.n_iter : base.nIter), 0));
      let seed = (a.checkbox_iterate || a.checkbox_iterate_batch) && base.seed === -1 ? randomSeed() : base.seed;
      const images = [];
      const allPrompts: unknown[] = [];
      const infotexts: string[] = [];
      let info: Record<string, unknown> = {};
      for (const line of jobs) {
        if (ctx.services.progress.interrupted) break;
        const params: Record<string, unknown> = { ...base, seed, overrideSettings: { ...base.overrideSettings, return_grid: false, grid_save: false } };
        for (const [tag, value] of Object.entries(line)) {
          const target = TAGS[tag]?.[1];
          if (!target || value === null) continue;
          if (target === "restoreFaces") (params.overrideSettings as Record<string, unknown>).face_restoration = value;
          else if (target === "tiling") (params.overrideSettings as Record<string, unknown>).tiling = value;
          else if (target === "doNotSaveSamples") params.saveImages = !value;
          else params[target] = value;
        }
        const join = (own: unknown, tab: string) => (a.prompt_position === "start" ? `${own} ${tab}` : `${tab} ${own}`);
        if (line.prompt && base.prompt) params.prompt = join(line.prompt, base.prompt);
        if (line.negative_prompt && base.negativePrompt) params.negativePrompt = join(line.negative_prompt, base.negativePrompt);
        const result = await ctx.services.runChild(ctx.kind, params);
        images.push(...result.images);
        allPrompts.push(...((result.info.all_prompts as unknown[]) ?? []));
        infotexts.push(...result.images.map((i) => i.infotext));
        if (Object.keys(info).length === 0) info = result.info;
        if (a.checkbox_iterate) seed = fixedSeed(seed) + base.batchSize * base.nIter;
      }
      return { images, info: { ...info, seed, all_prompts: allPrompts, infotexts, index_of_first_image: 0 } };
    },
  },
});
