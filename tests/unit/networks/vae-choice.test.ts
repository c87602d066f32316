// The sd_vae setting in real jobs on the fixtures: None and Automatic (no VAE named like the checkpoint) decode
// with the checkpoint's own VAE; the fixture VAE's decode is the own decode shifted by its bias change; the
// infotext and info JSON name it; an unknown name runs the own VAE with a warning.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useTempJobFolders } from "../temp-job-folders";
import { onyxPaths } from "@/lib/config";
import { listVaes, resolveVae, vaeHash } from "@/lib/models/vaes";
import { FIXTURE_VAE, FIXTURE_VAE_SHIFT } from "@/lib/networks/fixtures";
import { generationParamsSchema } from "@/lib/pipeline/params";
import { runTxt2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { parseGenerationParameters } from "@/lib/infotext/parser";

useTempJobFolders("vae-choice");

const job = (sdVae: string) =>
  runTxt2img(
    generationParamsSchema.parse({ prompt: "a castle", steps: 4, width: 64, height: 64, seed: 3, saveImages: false, overrideSettings: { sd_model_checkpoint: "onyx-tiny", sd_vae: sdVae } }),
    new JobProgress(sdVae),
  );
const raw = (png: Buffer) => sharp(png).removeAlpha().raw().toBuffer();

describe("VAE choice", () => {
  it("lists the VAE folders of models/VAE and resolves Automatic, None and names as A1111", () => {
    const vaes = listVaes();
    expect(vaes.map((v) => v.name)).toContain(FIXTURE_VAE);
    expect(resolveVae("None", "onyx-tiny", vaes).vae).toBeNull();
    expect(resolveVae("Automatic", "onyx-tiny", vaes).vae).toBeNull();
    expect(resolveVae("Automatic", FIXTURE_VAE, vaes).vae?.name).toBe(FIXTURE_VAE);
    expect(resolveVae(FIXTURE_VAE, "onyx-tiny", vaes).vae?.dir.startsWith(onyxPaths().models)).toBe(true);
    expect(resolveVae("missing", "onyx-tiny", vaes)).toEqual({ vae: null, warning: "VAE 'missing' not found; used the checkpoint's own VAE" });
  });

  it("decodes with the chosen VAE, writes VAE hash and VAE, and goes back to the own VAE with None", async () => {
    const own = await job("None");
    const automatic = await job("Automatic");
    const chosen = await job(FIXTURE_VAE);
    const again = await job("None");
    const [a, b, c, d] = await Promise.all([own, automatic, chosen, again].map((r) => raw(r.images[0].png)));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(d)).toBe(true);
    // The shifted bias moves each channel by shift·127.5 where the own decode is not clipped.
    for (let ch = 0; ch < 3; ch++) {
      const diffs: number[] = [];
      for (let i = ch; i < a.length; i += 3) if (a[i] > 60 && a[i] < 195) diffs.push(c[i] - a[i]);
      const mean = diffs.reduce((s, x) => s + x, 0) / diffs.length;
      expect(diffs.length).toBeGreaterThan(100);
      expect(mean).toBeCloseTo(FIXTURE_VAE_SHIFT[ch] * 127.5, -0.5);
    }
    const fields = parseGenerationParameters(chosen.images[0].infotext);
    const vae = listVaes().find((v) => v.name === FIXTURE_VAE)!;
    expect(fields["VAE"]).toBe(FIXTURE_VAE);
    expect(fields["VAE hash"]).toBe(vaeHash(vae));
    expect(vaeHash(vae)).toMatch(/^[0-9a-f]{10}$/);
    expect(chosen.info.sd_vae_name).toBe(FIXTURE_VAE);
    expect(chosen.info.sd_vae_hash).toBe(vaeHash(vae));
    expect(own.images[0].infotext).not.toContain("VAE");
    expect(own.info.sd_vae_name).toBeNull();
  });

  it("an unknown VAE name runs the checkpoint's own VAE and warns", async () => {
    const progress = new JobProgress("missing");
    const result = await runTxt2img(generationParamsSchema.parse({ prompt: "a castle", steps: 4, width: 64, height: 64, seed: 3, saveImages: false, overrideSettings: { sd_model_checkpoint: "onyx-tiny", sd_vae: "missing" } }), progress);
    const own = await job("None");
    expect((await raw(result.images[0].png)).equals(await raw(own.images[0].png))).toBe(true);
    expect(JSON.stringify(progress)).toContain("VAE 'missing' not found");
  });
});
