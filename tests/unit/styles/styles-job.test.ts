// Styles in a real job: the per-image prompts the text encoder and the infotext see are the styled ones,
// the info JSON keeps the request's prompt and lists the styles, and the image equals the one of the
// written-out prompt.
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { onyxPaths } from "@/lib/config";
import { generationParamsSchema, type GenerationInput } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { saveStyles } from "@/lib/styles/styles-file";

useTempJobFolders("styles-job");

const small = (input: GenerationInput) => generationParamsSchema.parse({ steps: 4, width: 64, height: 64, seed: 7, saveImages: false, ...input });
const raw = (png: Buffer) => sharp(png).removeAlpha().raw().toBuffer();

describe("styles in a txt2img job", () => {
  it("wraps the prompt and negative prompt, in the order selected, as writing them out would", async () => {
    saveStyles(
      [
        { name: "frame", prompt: "a painting of {prompt}, gold frame", negativePrompt: "" },
        { name: "moody", prompt: "dark", negativePrompt: "bright" },
      ],
      path.join(onyxPaths().data, "styles.csv"),
    );
    const styled = await runTxt2img(small({ prompt: "a castle", negativePrompt: "blurry", styles: ["frame", "moody", "missing"] }), new JobProgress("s"));
    expect(styled.info.all_prompts).toEqual(["a painting of a castle, gold frame, dark"]);
    expect(styled.info.all_negative_prompts).toEqual(["blurry, bright"]);
    expect(styled.info.prompt).toBe("a castle");
    expect(styled.info.styles).toEqual(["frame", "moody", "missing"]);
    expect(styled.images[0].infotext.startsWith("a painting of a castle, gold frame, dark\nNegative prompt: blurry, bright\n")).toBe(true);
    const written = await runTxt2img(small({ prompt: "a painting of a castle, gold frame, dark", negativePrompt: "blurry, bright" }), new JobProgress("w"));
    const plain = await runTxt2img(small({ prompt: "a castle", negativePrompt: "blurry" }), new JobProgress("p"));
    expect((await raw(styled.images[0].png)).equals(await raw(written.images[0].png))).toBe(true);
    expect((await raw(styled.images[0].png)).equals(await raw(plain.images[0].png))).toBe(false);
  });
});
