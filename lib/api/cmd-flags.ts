// GET /sdapi/v1/cmd-flags: the start options in force. A1111 returns its argparse namespace; Onyx's
// options arrive through the environment (scripts/start.mjs). Credentials are masked, never echoed.
import path from "node:path";
import { onyxPaths } from "@/lib/config";

const mask = (value: string | undefined) => (value ? "<set>" : null);

export function cmdFlags(env: NodeJS.ProcessEnv = process.env) {
  const paths = onyxPaths(env);
  return {
    api: true,
    nowebui: false,
    use_cpu: ["all"],
    no_half: false,
    api_auth: mask(env.ONYX_API_AUTH),
    gradio_auth: mask(env.ONYX_AUTH),
    models_dir: paths.models,
    ckpt_dir: path.join(paths.models, "Stable-diffusion"),
    esrgan_models_path: path.join(paths.models, "ESRGAN"),
    data_dir: paths.data,
    outputs_dir: paths.outputs,
    port: env.PORT ? Number(env.PORT) : null,
    cors_allow_origins: env.ONYX_CORS_ALLOW_ORIGINS ?? null,
    cors_allow_origins_regex: env.ONYX_CORS_ALLOW_ORIGINS_REGEX ?? null,
  };
}
