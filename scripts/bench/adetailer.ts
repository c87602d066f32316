// ADetailer's overhead (docs/adetailer.md#order): detection plus the mask work of one tab (mediapipe_face_short on
// the astronaut photograph, ratio filter, top k, sort, box mask, offset, dilate 4, merge) against one of its
// inpaint passes — an only-masked img2img of the face at 512² on the fixture model, 20 steps at denoising 0.4 —
// the figure the issue bounds at 5 %.
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { boxMask, preprocessMasks } from "@/extensions/adetailer/masks";
import { filterByRatio, sortPredictions, topK } from "@/extensions/adetailer/ordering";
import { detect } from "@/lib/detection/registry";
import type { RgbImage } from "@/lib/images/tensor-image";
import { img2imgParamsSchema } from "@/lib/pipeline/img2img-params";
import { runImg2img } from "@/lib/pipeline/run-job";
import { JobProgress } from "@/lib/queue/job-progress";
import { astronaut } from "./real-models";

const RUNS = 10;

async function detectionAndMasks(photo: RgbImage): Promise<Uint8Array[]> {
  const { width, height } = photo;
  const found = await detect("mediapipe_face_short", photo, { confidence: 0.3 });
  let preds = found.map((d) => ({ box: d.box, score: d.score, mask: boxMask(d.box, width, height) }));
  preds = sortPredictions(topK(filterByRatio(preds, 0, 1, width, height), 0, "Area"), "None", width, height);
  return preprocessMasks(preds.map((p) => p.mask), width, height, { dilateErode: 4, xOffset: 0, yOffset: 0, merge: "None" });
}

export async function benchAdetailer(): Promise<Record<string, number>> {
  const photo = await astronaut();
  const photoPng = await sharp(Buffer.from(photo.data), { raw: { width: photo.width, height: photo.height, channels: 3 } }).png().toBuffer();
  const [mask] = await detectionAndMasks(photo); // opens the detector once
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) await detectionAndMasks(photo);
  const overheadMs = (performance.now() - start) / RUNS;

  const maskPng = await sharp(Buffer.from(mask), { raw: { width: photo.width, height: photo.height, channels: 1 } }).png().toBuffer();
  const params = img2imgParamsSchema.parse({
    prompt: "a face", steps: 20, width: 512, height: 512, seed: 1, samplerName: "Euler", saveImages: false, denoisingStrength: 0.4,
    initImages: [photoPng], mask: maskPng, inpaintFullRes: true, inpaintFullResPadding: 32, maskBlur: 4, inpaintingFill: 1,
  });
  await runImg2img(params, new JobProgress("bench-adetailer-warm"));
  const passStart = performance.now();
  await runImg2img(params, new JobProgress("bench-adetailer"));
  const passMs = performance.now() - passStart;
  return { "detection + masks ms": overheadMs, "inpaint pass ms": passMs, "overhead %": (100 * overheadMs) / passMs };
}
