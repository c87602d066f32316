/**
 * The extension SDK's rule (docs/extensions.md#what-the-sdk-holds), checked by `npm run check:imports` after the
 * cycle check: over value imports only (type-only imports are erased before anything runs, so they cannot load a
 * module twice) — nothing the SDK exports may reach a module that holds process state, and an extension in
 * extensions/ may import project code by value only through "@onyx/sdk".
 */
const STATEFUL = [
  "^lib/process-singleton\\.ts$",
  "^lib/settings/store\\.ts$",
  "^lib/history/",
  "^lib/queue/job-queue\\.ts$",
  "^lib/models/(checkpoints|onnx-session|script-sessions)\\.ts$",
  "^lib/scripts/(job-hooks|extension-loader|extension-registry|sdk-resolver)\\.ts$",
  "^lib/pipeline/conditioning-cache\\.ts$",
  "^lib/upscalers/(esrgan|registry)\\.ts$",
];

module.exports = {
  forbidden: [
    {
      name: "sdk-is-pure",
      severity: "error",
      comment: "The SDK exports pure helpers only; state reaches extensions through ctx.services and register(api).",
      from: { path: "^lib/sdk/" },
      to: { path: STATEFUL, reachable: true },
    },
    {
      name: "extensions-import-the-sdk",
      severity: "error",
      comment: 'Extensions import project values only from "@onyx/sdk" (lib/sdk/index.ts); `import type` of project modules is fine.',
      from: { path: "^extensions/" },
      to: { path: "^(lib|app)/", pathNot: "^lib/sdk/index\\.ts$" },
    },
  ],
  // The cycle check's options, but over value imports only.
  options: { ...require("./.dependency-cruiser.cjs").options, tsPreCompilationDeps: false },
};
