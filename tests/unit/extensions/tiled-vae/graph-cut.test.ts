// The graph cutter: GroupNorms found in both forms real exports use, segments that recompose to the original
// graph when run untiled in one tile, and the frozen-statistics graph, which given the true statistics is the
// original graph again.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findGroupNorms, firstResamplingSegment, planSegments } from "@/extensions/tiled-vae/groupnorm-graph";
import { estimateStats, runFast, runSynchronised, type CutVae } from "@/extensions/tiled-vae/tiled-run";
import type { TileSplit, VaeSide } from "@/extensions/tiled-vae/split";
import { onyxPaths } from "@/lib/config";
import type { ModelProto } from "@/lib/onnx/proto";
import { readModel } from "@/lib/onnx/read";
import type { Tensor } from "@/lib/tensor";
import { cutVae, run, session, testInput } from "./ort-vae";
import { buildSdLayoutVae, withGroupNormalization } from "./sd-layout-vae";

const fixture = (part: string) => readModel(path.join(onyxPaths().models, `Stable-diffusion/onyx-tiny/${part}/model.onnx`), { loadExternalData: true });
const maxAbs = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const UNTILED: TileSplit = { rows: 1, cols: 1, tileHeight: 0, tileWidth: 0, tiles: [] };

interface Case { name: string; model: () => ModelProto; side: VaeSide; input: Tensor; sites: number }
const CASES: Case[] = [
  { name: "fixture decoder", model: () => fixture("vae_decoder"), side: "decoder", input: testInput(4, 24, 20, "smooth"), sites: 22 },
  { name: "fixture encoder", model: () => fixture("vae_encoder"), side: "encoder", input: testInput(3, 96, 64, "smooth"), sites: 14 },
  { name: "SD-layout decoder (InstanceNormalization form)", model: () => buildSdLayoutVae("decoder"), side: "decoder", input: testInput(4, 12, 10, "noise"), sites: 30 },
  { name: "SD-layout decoder (GroupNormalization, opset 18)", model: () => withGroupNormalization(buildSdLayoutVae("decoder")), side: "decoder", input: testInput(4, 12, 10, "noise"), sites: 30 },
  { name: "SD-layout encoder (InstanceNormalization form)", model: () => buildSdLayoutVae("encoder"), side: "encoder", input: testInput(3, 96, 80, "smooth"), sites: 22 },
  { name: "SD-layout encoder (GroupNormalization, opset 18)", model: () => withGroupNormalization(buildSdLayoutVae("encoder")), side: "encoder", input: testInput(3, 96, 80, "smooth"), sites: 22 },
];

describe("the GroupNorm graph cut", () => {
  for (const c of CASES) {
    describe(c.name, () => {
      let model: ModelProto;
      let vae: CutVae;
      let plain: Tensor;
      beforeAll(async () => {
        model = c.model();
        vae = await cutVae(model, c.side);
        plain = (await run(await session(model), { [vae.input]: c.input }))[vae.output];
      });

      it(`finds ${c.sites} GroupNorms and cuts ${c.sites + 1} segments`, () => {
        const sites = findGroupNorms(model);
        expect(sites).toHaveLength(c.sites);
        expect(planSegments(model).segments).toHaveLength(c.sites + 1);
        // Each cut carries the normalised tensor and at most the residual plus the small graph input.
        for (const segment of vae.plan.segments.slice(1)) expect(segment.inputs.length).toBeLessThanOrEqual(3);
      });

      it("segments run untiled in one tile reproduce the original graph", async () => {
        const one = (await runSynchronised(vae, c.input, UNTILED))!;
        expect(one.shape).toEqual(plain.shape);
        expect(maxAbs(one.data, plain.data)).toBeLessThan(1e-5);
      });

      it("the frozen graph with the true statistics reproduces the original graph", async () => {
        const [, , h, w] = c.input.shape;
        const stats = (await estimateStats(vae, c.input, Math.max(h, w)))!; // no downsampling: the input's own statistics
        const f = c.side === "decoder" ? 8 : 1 / 8;
        const whole: TileSplit = { ...UNTILED, tiles: [{ input: [0, w, 0, h], output: [0, w * f, 0, h * f] }] };
        const frozen = (await runFast(vae, c.input, whole, stats))!;
        expect(maxAbs(frozen.data, plain.data)).toBeLessThan(1e-5);
      });
    });
  }

  it("the GroupNormalization form is found with its groups and ε", () => {
    const sites = findGroupNorms(withGroupNormalization(buildSdLayoutVae("decoder")));
    expect(sites.every((s) => s.groups === 32 && Math.abs(s.epsilon - 1e-6) < 1e-12 && s.nodes.length === 1 && s.affine === null)).toBe(true);
  });

  it("the encoder's colour fix freezes exactly the GroupNorms before its first downsampling", () => {
    const resampling = (model: ModelProto) => firstResamplingSegment(model, planSegments(model));
    // The fixture encoder has one ResNet per level: 2 GroupNorms at full resolution; SD's, with two, has 4.
    expect(resampling(fixture("vae_encoder"))).toBe(2);
    expect(resampling(buildSdLayoutVae("encoder"))).toBe(4);
    // The SD-layout decoder's latent-resolution part: mid block (5) and the deepest up level (6).
    expect(resampling(buildSdLayoutVae("decoder"))).toBe(11);
  });
});
