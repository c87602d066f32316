// A1111's built-in "SD upscale" script (docs/builtin-scripts.md#sd-upscale): its positional arguments as A1111's
// own API test sends them, and real jobs on the fixture model — the upscaled size, one img2img job per batch of
// overlapping tiles, the infotext, the "None" upscaler and Interrupt.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { decodeImage } from "@/lib/images/decode-image";
import { tileStarts } from "@/lib/images/tile-grid";
import { parseGenerationParameters } from "@/lib/infotext/parser";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { resolveJobScripts } from "@/lib/scripts/request-scripts";

useTempJobFolders("sd-upscale");
process.env.EXTENSIONS_DIR = "/nonexistent-onyx-extensions";

/** Records each child job's seeds; can press Interrupt when the n-th starts. */
class RecordingProgress extends JobProgress {
  batches = 0;
  constructor(private readonly interruptAt?: number) {
    super("sd-upscale");
  }
  override beginBatch(jobNo: number, label: string): void {
    super.beginBatch(jobNo, label);
    this.batches += 1;
    if (this.batches === this.interruptAt) this.interrupt();
  }
}

async function picture(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, 90], (y * width + x) * 3);
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const job = async (scriptArgs: unknown[], extra: Record<string, unknown> = {}) =>
  img2imgParamsSchema.parse({
    prompt: "a harbour", steps: 2, seed: 5, samplerName: "Euler", width: 64, height: 64, denoisingStrength: 0.4, initImages: [await picture(96, 80)], saveImages: false,
    scriptName: "SD upscale", scriptArgs, ...extra,
  });

describe("SD upscale", () => {
  it("binds A1111's API test arguments: info, overlap, upscaler by name or index, scale factor", async () => {
    const selected = async (scriptArgs: unknown[]) => (await resolveJobScripts("img2img", { scriptName: "sd upscale", scriptArgs, alwaysonScripts: {} })).find((a) => a.script.kind === "selectable")!;
    expect((await selected(["", 8, "Lanczos", 2.0])).args).toEqual({ overlap: 8, upscaler: "Lanczos", scale_factor: 2 });
    expect((await selected([null, 16, 1, 1.5])).args).toEqual({ overlap: 16, upscaler: "Lanczos", scale_factor: 1.5 });
    await expect(selected(["", 8, "Bicubic", 2])).rejects.toThrow(/upscaler.*Bicubic/);
    expect((await selected([])).args).toEqual({ overlap: 64, upscaler: "None", scale_factor: 2 });
  });

  it("upscales ×2, redraws every overlapping tile in batch-size jobs, and keeps the first job's infotext", async () => {
    const progress = new RecordingProgress();
    const result = await runImg2img(await job(["", 8, 1, 2.0], { batchSize: 4 }), progress);
    // 96×80 → 192×160; tiles of 64 with overlap 8: columns at tileStarts(192), rows at tileStarts(160).
    const tiles = tileStarts(192, 64, 8).length * tileStarts(160, 64, 8).length;
    expect(tiles).toBe(4 * 3);
    expect(progress.batches).toBe(Math.ceil(tiles / 4));
    expect(result.images).toHaveLength(1);
    const image = await decodeImage(result.images[0].png);
    expect([image.width, image.height]).toEqual([192, 160]);
    const fields = parseGenerationParameters(result.images[0].infotext);
    expect(fields).toMatchObject({ "SD upscale overlap": "8", "SD upscale upscaler": "Lanczos", Seed: "5", "Size-1": "64", "Size-2": "64", "Denoising strength": "0.4" });
    expect(result.info).toMatchObject({ seed: 5, width: 192, height: 160 });
  });

  it("'None' keeps the picture's size; an interrupt leaves the tiles that never ran black", async () => {
    const plain = await runImg2img(await job(["", 0, "None", 2]), new RecordingProgress());
    const same = await decodeImage(plain.images[0].png);
    expect([same.width, same.height]).toEqual([96, 80]);
    // 96×80 in 64² tiles without overlap: 2×2 tiles, one job each; interrupted as the second starts.
    const progress = new RecordingProgress(2);
    const cut = await decodeImage((await runImg2img(await job(["", 0, "None", 2]), progress)).images[0].png);
    expect(progress.batches).toBe(2);
    const at = (x: number, y: number) => Array.from(cut.data.subarray((y * cut.width + x) * 3, (y * cut.width + x) * 3 + 3));
    expect(at(10, 10)).not.toEqual([0, 0, 0]);
    expect(at(90, 70)).toEqual([0, 0, 0]);
  });
});
