// The UI's only page: reads the catalogs and settings on the server and hands them to the client
// shell as plain data.
import { IMAGE_KINDS } from "@/lib/images/output-naming";
import { findCheckpoint, listCheckpoints } from "@/lib/models/checkpoints";
import { vaeChoices } from "@/lib/models/vaes";
import { SAMPLERS } from "@/lib/sampling/registry";
import { SCHEDULE_TYPES } from "@/lib/sampling/schedulers";
import { extensionsReady } from "@/lib/scripts/extension-registry";
import { tabScripts } from "@/lib/scripts/script-descriptors";
import { exposureWarning } from "@/lib/security/exposure";
import { loadOptions } from "@/lib/settings/store";
import { LATENT_UPSCALE_MODES } from "@/lib/upscalers/latent-upscale";
import { listUpscalers } from "@/lib/upscalers/registry";
import { OnyxApp } from "@/app/ui/onyx-app";
import { installedChoices } from "@/app/ui/settings/installed-choices";
import { settingFields } from "@/app/ui/settings/setting-fields";

export const dynamic = "force-dynamic";

export default async function Page() {
  // The extensions' settings join the catalogue when they load (docs/extensions.md#settings).
  await extensionsReady();
  const options = loadOptions();
  const checkpoints = listCheckpoints().map((c) => c.title);
  // An empty or stale setting means the pipeline falls back to the first checkpoint; show that one.
  const upscalers = listUpscalers().map((u) => u.name);
  const checkpoint = findCheckpoint(options.sd_model_checkpoint ?? "")?.title ?? checkpoints[0] ?? "";
  const scripts = { txt2img: await tabScripts("txt2img"), img2img: await tabScripts("img2img") };
  return (
    <OnyxApp
      checkpoints={checkpoints}
      checkpoint={checkpoint}
      vaes={vaeChoices()}
      samplers={SAMPLERS.map((s) => s.name)}
      schedules={SCHEDULE_TYPES.map((t) => t.label)}
      upscalers={upscalers}
      hiresUpscalers={[...Object.keys(LATENT_UPSCALE_MODES), ...upscalers]}
      imageKinds={[...IMAGE_KINDS]}
      options={options}
      settingFields={settingFields(installedChoices())}
      scripts={scripts}
      exposureWarning={exposureWarning()}
    />
  );
}
