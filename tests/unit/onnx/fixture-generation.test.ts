import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureFixtureModels, fixtureStamp, FIXTURE_CHECKPOINTS, FIXTURE_ESRGAN, STAMP_FILE } from "@/lib/onnx/fixtures";

describe("fixture generation", () => {
  it("generates when missing or stale, leaves current fixtures alone, and leaves no temp folders", async () => {
    const models = fs.mkdtempSync(path.join(os.tmpdir(), "onyx-fixtures-"));
    expect(await ensureFixtureModels(models)).toBe(true);
    const checkpoints = path.join(models, "Stable-diffusion");
    expect(fs.readdirSync(checkpoints).sort()).toEqual(Object.keys(FIXTURE_CHECKPOINTS).sort());
    expect(fs.readFileSync(path.join(checkpoints, "onyx-tiny", STAMP_FILE), "utf8").trim()).toBe(fixtureStamp());
    expect(fs.readdirSync(path.join(models, "ESRGAN"))).toContain(FIXTURE_ESRGAN);

    const unetWeights = path.join(checkpoints, "onyx-tiny-fp16/unet/weights.pb");
    const before = fs.statSync(unetWeights).mtimeMs;
    expect(await ensureFixtureModels(models)).toBe(false);

    // A different generator version (stamp) regenerates that folder only, byte-identically (fixed seeds).
    const stamped = path.join(checkpoints, "onyx-tiny", STAMP_FILE);
    const unet = fs.readFileSync(path.join(checkpoints, "onyx-tiny/unet/weights.pb"));
    fs.writeFileSync(stamped, "old\n");
    expect(await ensureFixtureModels(models)).toBe(true);
    expect(fs.readFileSync(stamped, "utf8").trim()).toBe(fixtureStamp());
    expect(fs.readFileSync(path.join(checkpoints, "onyx-tiny/unet/weights.pb")).equals(unet)).toBe(true);
    expect(fs.statSync(unetWeights).mtimeMs).toBe(before);
    expect(fs.readdirSync(checkpoints).filter((f) => f.startsWith(".tmp-"))).toEqual([]);
    fs.rmSync(models, { recursive: true });
  });
});
