// Every /sdapi/v1 route Onyx serves, for the OpenAPI document, the /docs page and the auth tests.
export interface ApiRouteInfo {
  method: "GET" | "POST";
  path: string;
  summary: string;
}

export const API_ROUTES: readonly ApiRouteInfo[] = [
  { method: "POST", path: "/sdapi/v1/txt2img", summary: "Text to image (A1111 StableDiffusionTxt2ImgProcessingAPI)" },
  { method: "POST", path: "/sdapi/v1/img2img", summary: "Image to image and inpainting (A1111 StableDiffusionImg2ImgProcessingAPI)" },
  { method: "POST", path: "/sdapi/v1/extra-single-image", summary: "Extras upscale of one image" },
  { method: "POST", path: "/sdapi/v1/extra-batch-images", summary: "Extras upscale of several images" },
  { method: "POST", path: "/sdapi/v1/png-info", summary: "Infotext and metadata of a base64 image" },
  { method: "GET", path: "/sdapi/v1/progress", summary: "Progress of the running job (?skip_current_image=true omits the preview)" },
  { method: "POST", path: "/sdapi/v1/interrupt", summary: "Interrupt the running job" },
  { method: "POST", path: "/sdapi/v1/skip", summary: "Skip the current batch of the running job" },
  { method: "GET", path: "/sdapi/v1/options", summary: "All settings" },
  { method: "POST", path: "/sdapi/v1/options", summary: "Change settings" },
  { method: "GET", path: "/sdapi/v1/cmd-flags", summary: "Start options" },
  { method: "GET", path: "/sdapi/v1/samplers", summary: "Samplers" },
  { method: "GET", path: "/sdapi/v1/schedulers", summary: "Schedule types" },
  { method: "GET", path: "/sdapi/v1/upscalers", summary: "Image upscalers" },
  { method: "GET", path: "/sdapi/v1/latent-upscale-modes", summary: "Latent upscale modes" },
  { method: "GET", path: "/sdapi/v1/sd-models", summary: "Checkpoints" },
  { method: "POST", path: "/sdapi/v1/refresh-checkpoints", summary: "Rescan the checkpoint folder" },
  { method: "POST", path: "/sdapi/v1/refresh-vae", summary: "Rescan models/VAE" },
  { method: "POST", path: "/sdapi/v1/refresh-embeddings", summary: "Rescan embeddings" },
  { method: "POST", path: "/sdapi/v1/unload-checkpoint", summary: "Free the loaded model's memory" },
  { method: "POST", path: "/sdapi/v1/reload-checkpoint", summary: "Load the current model" },
  { method: "GET", path: "/sdapi/v1/loras", summary: "LoRA files in models/Lora" },
  { method: "POST", path: "/sdapi/v1/refresh-loras", summary: "Rescan models/Lora" },
  { method: "POST", path: "/sdapi/v1/interrogate", summary: "Caption an image (no interrogator installed: 501)" },
  { method: "GET", path: "/sdapi/v1/sd-vae", summary: "VAE folders in models/VAE" },
  { method: "GET", path: "/sdapi/v1/hypernetworks", summary: "Hypernetworks (none)" },
  { method: "GET", path: "/sdapi/v1/face-restorers", summary: "Face restoration models (none)" },
  { method: "GET", path: "/sdapi/v1/realesrgan-models", summary: "Real-ESRGAN models (none)" },
  { method: "GET", path: "/sdapi/v1/prompt-styles", summary: "Prompt styles" },
  { method: "GET", path: "/sdapi/v1/embeddings", summary: "Textual inversion embeddings" },
  { method: "GET", path: "/sdapi/v1/scripts", summary: "Script names per tab" },
  { method: "GET", path: "/sdapi/v1/script-info", summary: "Script argument descriptions" },
  { method: "GET", path: "/sdapi/v1/memory", summary: "RAM use (no CUDA)" },
];
