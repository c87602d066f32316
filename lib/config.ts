// Where Onyx keeps its files. Read from the environment at call time so tests and the start
// script can point a process at other folders.
import path from "node:path";

export interface OnyxPaths {
  /** Model folders: `Stable-diffusion/<name>/` (diffusers/Optimum ONNX layout), `ESRGAN/*.onnx`. */
  models: string;
  /** Saved images: `txt2img-images/`, `img2img-images/`, `extras-images/`, grids. */
  outputs: string;
  /** SQLite history, settings, params.txt. */
  data: string;
  /** Textual inversion embeddings (A1111's `--embeddings-dir`, `embeddings/` beside `models/`; docs/textual-inversion.md#files). */
  embeddings: string;
}

export function onyxPaths(env: NodeJS.ProcessEnv = process.env): OnyxPaths {
  // Runtime folders, not build inputs: keep Turbopack's file tracer from following them.
  const root = /* turbopackIgnore: true */ process.cwd();
  return {
    models: path.resolve(/* turbopackIgnore: true */ root, env.MODELS_DIR ?? "models"),
    outputs: path.resolve(/* turbopackIgnore: true */ root, env.OUTPUTS_DIR ?? "outputs"),
    data: path.resolve(/* turbopackIgnore: true */ root, env.DATA_DIR ?? "data"),
    embeddings: path.resolve(/* turbopackIgnore: true */ root, env.EMBEDDINGS_DIR ?? "embeddings"),
  };
}
