// The values of the Settings tab's choice lists that depend on what is installed (A1111 fills them
// from its upscaler, checkpoint, sampler … registries when the page is built). Server side only.
import { listCheckpoints } from "@/lib/models/checkpoints";
import { listLoras } from "@/lib/models/loras";
import { vaeChoices } from "@/lib/models/vaes";
import { SAMPLERS } from "@/lib/sampling/registry";
import { allOptionKeys, OPTIONS } from "@/lib/settings/options";
import { listUpscalers } from "@/lib/upscalers/registry";
import { TABS } from "@/app/ui/tabs";
import type { InstalledChoices } from "@/app/ui/settings/setting-fields";

export function installedChoices(): InstalledChoices {
  return {
    checkpoints: listCheckpoints().map((c) => c.title),
    upscalers: listUpscalers().map((u) => u.name),
    // The VAE folders of models/VAE; each checkpoint folder brings its own UNet, so there are none to choose.
    vae: vaeChoices(),
    unet: ["Automatic", "None"],
    face_restorers: [],
    hypernetworks: ["None"],
    loras: ["None", ...listLoras().map((l) => l.name)],
    samplers: SAMPLERS.map((s) => s.name),
    cross_attention: ["Automatic", "sub-quadratic", "None"],
    setting_keys: allOptionKeys(),
    tabs: TABS.map((t) => t.label),
    ui_reorder: ["prompt", "image", "inpaint", "sampler", "accordions", "checkboxes", "dimensions", "cfg", "denoising", "seed", "batch", "override_settings", "scripts"],
    postprocessing: ["Upscale"],
    localizations: ["None"],
    themes: ["Default"],
    infotext_fields: [...new Set(Object.values(OPTIONS).flatMap((spec) => ("infotext" in spec && spec.infotext ? [spec.infotext] : [])))],
    interrogate_categories: [],
    realesrgan_models: ["R-ESRGAN General 4xV3", "R-ESRGAN General WDN 4xV3", "R-ESRGAN AnimeVideo", "R-ESRGAN 4x+", "R-ESRGAN 4x+ Anime6B", "R-ESRGAN 2x+"],
    dat_models: ["DAT x2", "DAT x3", "DAT x4"],
  };
}
