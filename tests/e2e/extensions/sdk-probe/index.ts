// The tests' SDK probe, written exactly as a third party would write an extension: helpers imported by
// value from "@onyx/sdk" (dilateMask, pythonRepr, SDK_VERSION), state reached only through `ctx.services`
// (the prompt encoder on the loaded model, the settings in force, the model's name, saving with a history
// row) and `register(api)` (HTTP routes, the installed detectors). Its script has every parameter kind the UI renders — an image, a
// choice that shows another field, regions on a canvas and a repeated group — so the browser tests drive
// them on a real page.
import { defineScript, dilateMask, pythonRepr, SDK_VERSION, type ExtensionApi, type GrayImage } from "@onyx/sdk";

/** A 9×9 mask with one white pixel dilated by 3: 9 white pixels when dilateMask is OpenCV's. */
function dilatedPixels(): number {
  const mask: GrayImage = { width: 9, height: 9, data: new Uint8Array(81) };
  mask.data[4 * 9 + 4] = 255;
  return dilateMask(mask, 3).data.filter((v) => v === 255).length;
}

export const probe = defineScript({
  title: "SDK probe",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params: [
    { name: "enabled", type: "bool", default: false },
    { name: "extra_prompt", type: "string", default: "a lighthouse", label: "Extra prompt" },
    { name: "save_extra", type: "bool", default: false, label: "Save an extra copy" },
    { name: "mode", type: "choice", choices: ["plain", "detailed"], default: "plain", label: "Mode" },
    { name: "detail", type: "int", default: 3, min: 1, max: 9, label: "Detail", visibleWhen: { param: "mode", is: "detailed" } },
    { name: "reference", type: "image", default: null, label: "Reference image" },
    {
      name: "regions",
      type: "regions",
      label: "Regions",
      maxCount: 8,
      params: [
        { name: "prompt", type: "string", default: "", label: "Prompt" },
        { name: "blend", type: "choice", choices: ["Background", "Foreground"], default: "Background", label: "Type" },
        { name: "feather", type: "number", default: 0.2, min: 0, max: 1, step: 0.05, label: "Feather", visibleWhen: { param: "blend", is: "Foreground" } },
      ],
    },
    {
      name: "units",
      type: "repeat",
      label: "Units",
      defaultCount: 2,
      maxCount: 4,
      params: [
        { name: "model", type: "choice", choices: ["None", "face"], default: "None", label: "Model" },
        { name: "strength", type: "number", default: 0.4, min: 0, max: 1, step: 0.01, label: "Strength" },
      ],
    },
  ],
  hooks: {
    async process(ctx) {
      if (!ctx.args.enabled) return;
      const [parts] = await ctx.services.prompts.cond([ctx.args.extra_prompt]);
      ctx.setInfotext(
        "SDK probe",
        pythonRepr({
          sdk: SDK_VERSION,
          dilated: dilatedPixels(),
          tokens: parts[0].schedule[0].cond.tokens,
          model: ctx.services.model.name,
          ensd: ctx.services.settings.eta_noise_seed_delta,
          reference: ctx.args.reference ? ctx.args.reference.length : 0,
          regions: ctx.args.regions.map((r) => [r.x, r.y, r.w, r.h, r.blend]),
          units: ctx.args.units.map((u) => u.model),
        }),
      );
    },
    async postprocessImage(ctx, { index, image }) {
      if (!ctx.args.enabled || !ctx.args.save_extra) return undefined;
      const saved = await ctx.services.saveImage(image, ctx.services.infotext(index), { index, suffix: "-probe" });
      if (saved) ctx.state.set("saved", saved.relativePath);
      return undefined;
    },
    postprocess(ctx, result) {
      if (ctx.state.has("saved")) result.info.sdk_probe_saved = ctx.state.get("saved");
    },
  },
});

export function register(api: ExtensionApi) {
  api.registerScript(probe);
  api.registerRoute({
    method: "GET",
    path: "/v1/info",
    handler: ({ settings }) => ({
      sdk: SDK_VERSION,
      prefix: api.routePrefix,
      ensd: settings.eta_noise_seed_delta,
      // The binding this module imported is the very function the server installed as its SDK.
      sameSdk: (globalThis as Record<symbol, { dilateMask?: unknown } | undefined>)[Symbol.for("onyx.sdk")]?.dilateMask === dilateMask,
      dilated: dilatedPixels(),
    }),
  });
  api.registerRoute({ method: "POST", path: "/v1/echo", handler: async ({ request }) => ({ got: await request.json() }) });
  // ADetailer's /adetailer/v1/ad_model: the installed detectors by name.
  api.registerRoute({ method: "GET", path: "/v1/detectors", handler: ({ detectors }) => ({ detectors: detectors().map((d) => d.name) }) });
  api.registerRoute({
    method: "GET",
    path: "/v1/fail",
    handler: () => {
      throw new Error("probe failed on purpose");
    },
  });
}
