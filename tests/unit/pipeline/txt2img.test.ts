// txt2img end to end on the onyx-tiny fixtures: determinism per seed, batch independence, fp16 vs
// fp32, the conditioning cache, conditioning shapes for long/BREAK/AND prompts, interrupt, saving.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { readPngText } from "@/lib/images/png-text";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { loadCheckpoint } from "@/lib/models/checkpoints";
import { PromptEncoder } from "@/lib/pipeline/conditioning";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";

useTempJobFolders("txt2img");

const small = (input: GenerationInput) =>
  generationParamsSchema.parse({ prompt: "a photo of a castle", negativePrompt: "blurry", steps: 8, width: 64, height: 64, seed: 42, saveImages: false, ...input });

async function pixels(png: Buffer): Promise<Buffer> {
  return sharp(png).removeAlpha().raw().toBuffer();
}

function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

describe("txt2img on onyx-tiny", () => {
  it("gives the same pixels for the same seed and different ones for another seed", async () => {
    const a = await runTxt2img(small({}), new JobProgress("a"));
    const b = await runTxt2img(small({}), new JobProgress("b"));
    const c = await runTxt2img(small({ seed: 43 }), new JobProgress("c"));
    expect((await pixels(a.images[0].png)).equals(await pixels(b.images[0].png))).toBe(true);
    expect(meanAbsDiff(await pixels(a.images[0].png), await pixels(c.images[0].png))).toBeGreaterThan(5);
  });

  it("makes image i of a batch the image its seed gives alone", async () => {
    const batch = await runTxt2img(small({ batchSize: 2, seed: 100 }), new JobProgress("batch"));
    const single = await runTxt2img(small({ seed: 101 }), new JobProgress("single"));
    expect(batch.images).toHaveLength(3); // grid first
    expect(batch.info.all_seeds).toEqual([100, 101]);
    // Batched and single UNet runs may round differently in the last float bits.
    expect(meanAbsDiff(await pixels(batch.images[2].png), await pixels(single.images[0].png))).toBeLessThan(0.5);
  });

  it("fp16 export gives the fp32 picture within a small tolerance", async () => {
    const fp32 = await runTxt2img(small({ overrideSettings: { sd_model_checkpoint: "onyx-tiny" } }), new JobProgress("32"));
    const fp16 = await runTxt2img(small({ overrideSettings: { sd_model_checkpoint: "onyx-tiny-fp16" } }), new JobProgress("16"));
    const a = await pixels(fp32.images[0].png);
    const b = await pixels(fp16.images[0].png);
    const diff = meanAbsDiff(a, b);
    expect(diff).toBeLessThan(3); // of 255
    expect(meanAbsDiff(a, Buffer.alloc(a.length, 128))).toBeGreaterThan(10 * diff); // the tolerance is not trivially loose
  });

  it("does not run the text encoder again when only the seed changes", async () => {
    const { model } = await loadCheckpoint("onyx-tiny");
    const encode = vi.spyOn(model.textEncoder, "encode");
    await runTxt2img(small({ prompt: "a red fox in the snow", seed: 1 }), new JobProgress("cache1"));
    const firstRuns = encode.mock.calls.length;
    expect(firstRuns).toBeGreaterThan(0);
    await runTxt2img(small({ prompt: "a red fox in the snow", seed: 2 }), new JobProgress("cache2"));
    expect(encode.mock.calls.length).toBe(firstRuns);
    await runTxt2img(small({ prompt: "a red fox in the forest", seed: 2 }), new JobProgress("cache3"));
    expect(encode.mock.calls.length).toBeGreaterThan(firstRuns);
    encode.mockRestore();
  });

  it("saves the PNG with its infotext under txt2img-images/<date>/NNNNN-seed.png", async () => {
    const result = await runTxt2img(small({ saveImages: true, seed: 777 }), new JobProgress("save"));
    const image = result.images[0];
    expect(image.savedPath).toMatch(/^txt2img-images\/\d{4}-\d{2}-\d{2}\/\d{5}-777\.png$/);
    const file = fs.readFileSync(path.join(process.env.OUTPUTS_DIR!, image.savedPath!));
    const text = readPngText(file).parameters;
    expect(text).toBe(image.infotext);
    const parsed = parseGenerationParameters(text);
    expect(parsed).toMatchObject({ Prompt: "a photo of a castle", "Negative prompt": "blurry", Steps: "8", Sampler: "DPM++ 2M", "Schedule type": "Karras", "CFG scale": "7", Seed: "777", "Size-1": "64", "Size-2": "64", Model: "onyx-tiny" });
  });

  it("stops at an interrupt, shows the partial image and saves nothing", async () => {
    const progress = new JobProgress("interrupt");
    const run = runTxt2img(small({ saveImages: true, steps: 30, nIter: 3 }), progress, {
      unetProbe: (inner) => async (batch) => {
        if (batch.step === 2) progress.interrupt();
        return inner(batch);
      },
    });
    const result = await run;
    expect(result.images).toHaveLength(1);
    expect(result.images[0].savedPath).toBeNull();
    expect(progress.samplingStep).toBeLessThanOrEqual(3);
  });
});

describe("prompt conditioning shapes", () => {
  it("long prompts take more 77-token chunks, BREAK starts a chunk, AND makes weighted parts", async () => {
    const { model } = await loadCheckpoint("onyx-tiny");
    const encoder = new PromptEncoder(model, { clipSkip: 1, emphasis: "Original", commaPaddingBacktrack: 20, embeddings: null });
    const long = Array.from({ length: 40 }, () => "castle photo").join(" ");
    const [longCond, breakCond, shortCond] = await encoder.encodeTogether([long, "a cat BREAK a dog", "a cat"]);
    // Encoded together, every text is padded to the longest one's chunk count (A1111).
    expect([longCond.tokens, breakCond.tokens, shortCond.tokens]).toEqual([154, 154, 154]);
    const [breakAlone] = await encoder.encodeTogether(["a cat BREAK a dog"]);
    expect(breakAlone.tokens).toBe(154);
    const [single] = await encoder.encodeTogether(["a cat"]);
    expect(single.tokens).toBe(77);
    expect(single.dim).toBe(longCond.dim);

    const [parts] = await encoder.multicondLearnedConditioning(["a cat AND a dog :0.5"], { steps: 20 });
    expect(parts.map((p) => p.weight)).toEqual([1, 0.5]);
    const [edited] = await encoder.learnedConditioning(["[a cat:a dog:10]"], { steps: 20 });
    expect(edited.map((s) => s.endAtStep)).toEqual([10, 20]); // A1111: model calls 0…10 use "a cat"
  });
});
