// GET /config — the Gradio app description A1111's web UI serves. Clients probe it to detect a
// running A1111; Onyx's UI is not Gradio, so it lists no components.
import { ONYX_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

export const GET = () =>
  Response.json({
    version: "3.41.2",
    mode: "blocks",
    app_id: 0,
    dev_mode: false,
    analytics_enabled: false,
    components: [],
    dependencies: [],
    layout: { id: 0, children: [] },
    css: null,
    js: null,
    head: null,
    title: "Stable Diffusion",
    is_space: false,
    enable_queue: true,
    show_error: true,
    show_api: true,
    is_colab: false,
    stylesheets: [],
    theme: "default",
    protocol: "sse",
    root: "",
    onyx_version: ONYX_VERSION,
  });
