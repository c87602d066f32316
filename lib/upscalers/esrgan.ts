// ESRGAN-family ONNX upscalers from <models>/ESRGAN/*.onnx (docs/upscalers.md#esrgan-models): one image input
// [1, 3, h, w] in 0..1, RGB channel order (A1111 feeds BGR; the networks were trained on RGB), output
// [1, 3, s·h, s·w]. Sessions stay open per file, like the checkpoints.
import { FLOAT_TYPES, requireInput } from "@/lib/models/graph-contract";
import { OnnxSession } from "@/lib/models/onnx-session";
import type { RgbImage } from "@/lib/images/tensor-image";
import { runTiled, type TileOptions } from "@/lib/upscalers/tiled-model";

const sessions = new Map<string, Promise<OnnxSession>>();

function openSession(file: string): Promise<OnnxSession> {
  let session = sessions.get(file);
  if (!session) {
    session = OnnxSession.open(file).then((s) => {
      if (s.inputs.length !== 1 || s.outputs.length < 1) throw new Error(`${file}: an upscaler needs one image input and an image output`);
      requireInput(s, s.inputs[0].name, FLOAT_TYPES);
      return s;
    });
    sessions.set(file, session);
    session.catch(() => sessions.delete(file));
  }
  return session;
}

/** One pass of the model over the picture, tiled. */
export async function esrganPass(file: string, img: RgbImage, tiles: TileOptions): Promise<RgbImage> {
  const session = await openSession(file);
  const input = session.inputs[0].name;
  const output = session.outputs[0].name;
  return runTiled(img, async (tile) => (await session.run({ [input]: tile }))[output], tiles);
}
