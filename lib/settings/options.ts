// The complete settings catalog under A1111 v1.10.1's option names, defaults, labels and sections
// (its shared_options.py plus the built-in extensions' options: Lora, canvas hotkeys, Hypertile,
// "Settings in UI", SwinIR, ScuNET, LDSR), so `/sdapi/v1/options`, infotext overrides, X/Y/Z
// overrides and the Settings tab speak A1111's language. Most keys are stored for clients and
// have no effect in Onyx; docs/settings.md lists the ones that do. Extensions add their own settings
// when they load (A1111's `shared.opts.add_option`, docs/extensions.md#settings); they join this one
// catalogue, so every lookup below answers for them too. lib/settings/cast.ts turns a client's value
// into a setting's value.
import { processSingleton } from "@/lib/process-singleton";

export type OptionValue = boolean | number | string | string[] | null;

/** The value type: A1111 infers it from the default's Python type; "html" entries are read-only texts. */
export type OptionKind = "bool" | "int" | "float" | "str" | "list" | "html";

/** Lists that depend on what is installed, resolved when the Settings tab is drawn. */
export type ChoiceSource =
  | "checkpoints"
  | "upscalers"
  | "vae"
  | "unet"
  | "face_restorers"
  | "hypernetworks"
  | "loras"
  | "samplers"
  | "cross_attention"
  | "setting_keys"
  | "tabs"
  | "ui_reorder"
  | "postprocessing"
  | "localizations"
  | "themes"
  | "infotext_fields"
  | "interrogate_categories"
  | "realesrgan_models"
  | "dat_models";

export interface OptionSpec<T extends OptionValue = OptionValue> {
  readonly kind: OptionKind;
  readonly default: T;
  readonly label: string;
  /** A built-in section, or an extension's own (`ExtensionSection.id`). */
  readonly section: SectionId | (string & {});
  /** A1111's hint under the control (`.info(...)`). */
  readonly info?: string;
  /** Infotext key whose pasted value becomes an override of this setting (A1111 `infotext=`). */
  readonly infotext?: string;
  /** Slider bounds (numbers); values outside are refused. */
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** Fixed choices; a value outside them is refused (lists: each item). */
  readonly choices?: readonly string[];
  /** Installed choices (any value is accepted: A1111 falls back when a name is not installed). */
  readonly choicesFrom?: ChoiceSource;
  /** `null` is a valid value (A1111's `None` default). */
  readonly nullable?: boolean;
  /** A folder under the outputs folder: absolute paths and `..` are refused. */
  readonly outputFolder?: boolean;
  /** `#rrggbb` colour. */
  readonly color?: boolean;
}

type Extra = Partial<Pick<OptionSpec, "info" | "infotext" | "min" | "max" | "step" | "choicesFrom" | "outputFolder">>;
type Unplaced<T extends OptionValue> = Omit<OptionSpec<T>, "section">;

const bool = (d: boolean, label: string, extra: Extra = {}): Unplaced<boolean> => ({ kind: "bool", default: d, label, ...extra });
const int = (d: number, label: string, extra: Extra = {}): Unplaced<number> => ({ kind: "int", default: d, label, ...extra });
const float = (d: number, label: string, extra: Extra = {}): Unplaced<number> => ({ kind: "float", default: d, label, ...extra });
const text = (d: string, label: string, extra: Extra = {}): Unplaced<string> => ({ kind: "str", default: d, label, ...extra });
const color = (d: string, label: string, extra: Extra = {}): Unplaced<string> => ({ kind: "str", default: d, label, color: true, ...extra });
const list = (d: string[], label: string, extra: Extra & { choices?: readonly string[] } = {}): Unplaced<string[]> => ({ kind: "list", default: d, label, ...extra });
const html = (body: string): Unplaced<string> => ({ kind: "html", default: body, label: "" });
/** A string whose A1111 default is None. */
const maybeText = (label: string, extra: Extra = {}): Unplaced<string | null> => ({ kind: "str", default: null, label, nullable: true, ...extra });
/** An int whose A1111 default is None. */
const maybeInt = (label: string, extra: Extra = {}): Unplaced<number | null> => ({ kind: "int", default: null, label, nullable: true, ...extra });
/** A string from a fixed list (A1111's radio groups and fixed dropdowns). */
function choice<const C extends readonly string[]>(choices: C, d: C[number], label: string, extra: Extra = {}): Unplaced<C[number]> {
  return { kind: "str", default: d, label, choices, ...extra };
}
const slider = (min: number, max: number, step: number, extra: Extra = {}): Extra => ({ min, max, step, ...extra });

export const SECTIONS = [
  { id: "saving-images", label: "Saving images/grids", category: "Saving images" },
  { id: "saving-paths", label: "Paths for saving", category: "Saving images" },
  { id: "saving-to-dirs", label: "Saving to a directory", category: "Saving images" },
  { id: "sd", label: "Stable Diffusion", category: "Stable Diffusion" },
  { id: "sdxl", label: "Stable Diffusion XL", category: "Stable Diffusion" },
  { id: "sd3", label: "Stable Diffusion 3", category: "Stable Diffusion" },
  { id: "vae", label: "VAE", category: "Stable Diffusion" },
  { id: "img2img", label: "img2img", category: "Stable Diffusion" },
  { id: "optimizations", label: "Optimizations", category: "Stable Diffusion" },
  { id: "compatibility", label: "Compatibility", category: "Stable Diffusion" },
  { id: "extra_networks", label: "Extra Networks", category: "Stable Diffusion" },
  { id: "sampler-params", label: "Sampler parameters", category: "Stable Diffusion" },
  { id: "hypertile", label: "Hypertile", category: "Stable Diffusion" },
  { id: "ui_prompt_editing", label: "Prompt editing", category: "User Interface" },
  { id: "ui_gallery", label: "Gallery", category: "User Interface" },
  { id: "ui_alternatives", label: "UI alternatives", category: "User Interface" },
  { id: "ui", label: "User interface", category: "User Interface" },
  { id: "infotext", label: "Infotext", category: "User Interface" },
  // A1111 gives this section the id "ui" too; a distinct id keeps the navigation unambiguous.
  { id: "live-previews", label: "Live previews", category: "User Interface" },
  { id: "settings_in_ui", label: "Settings in UI", category: "User Interface" },
  { id: "canvas_hotkey", label: "Canvas Hotkeys", category: "User Interface" },
  { id: "system", label: "System", category: "System" },
  { id: "profiler", label: "Profiler", category: "System" },
  { id: "API", label: "API", category: "System" },
  { id: "upscaling", label: "Upscaling", category: "Postprocessing" },
  { id: "face-restoration", label: "Face restoration", category: "Postprocessing" },
  { id: "postprocessing", label: "Postprocessing", category: "Postprocessing" },
  { id: "training", label: "Training", category: "Training" },
  { id: "interrogate", label: "Interrogate", category: "Other" },
  /** Not drawn in the Settings tab (A1111's "Hidden options"); still in the API. */
  { id: "hidden", label: "Hidden options", category: "Other" },
] as const;

export type SectionId = (typeof SECTIONS)[number]["id"];

function section<const S extends Record<string, Unplaced<OptionValue>>>(id: SectionId, specs: S): { [K in keyof S]: S[K] & { section: SectionId } } {
  return Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, { ...spec, section: id }])) as { [K in keyof S]: S[K] & { section: SectionId } };
}

const FORMATS = ["png", "jpg", "jpeg", "webp"] as const;
const SHIFT_CTRL_ALT = ["Shift", "Ctrl", "Alt"] as const;

export const OPTIONS = {
  ...section("saving-images", {
    samples_save: bool(true, "Always save all generated images"),
    samples_format: choice(FORMATS, "png", "File format for images"),
    samples_filename_pattern: text("", "Images filename pattern", { info: "tags such as [seed], [prompt_spaces], [datetime<%Y%m%d>]; empty = [seed]-[prompt_spaces] (or [seed] with subdirectories)" }),
    save_images_add_number: bool(true, "Add number to filename when saving"),
    save_images_replace_action: choice(["Replace", "Add number suffix"], "Replace", "Saving the image to an existing file", { info: "Onyx never overwrites an image: an existing name always gets a number suffix" }),
    grid_save: bool(true, "Always save all generated image grids"),
    grid_format: choice(FORMATS, "png", "File format for grids"),
    grid_extended_filename: bool(false, "Add extended info (seed, prompt) to filename when saving grid"),
    grid_only_if_multiple: bool(true, "Do not save grids consisting of one picture"),
    grid_prevent_empty_spots: bool(false, "Prevent empty spots in grid (when set to autodetect)"),
    grid_zip_filename_pattern: text("", "Archive filename pattern"),
    n_rows: int(-1, "Grid row count; use -1 for autodetect and 0 for it to be same as batch size", slider(-1, 16, 1)),
    font: text("", "Font for image grids that have text"),
    grid_text_active_color: color("#000000", "Text color for image grids"),
    grid_text_inactive_color: color("#999999", "Inactive text color for image grids"),
    grid_background_color: color("#ffffff", "Background color for image grids"),
    save_images_before_face_restoration: bool(false, "Save a copy of image before doing face restoration."),
    save_images_before_highres_fix: bool(false, "Save a copy of image before applying highres fix."),
    save_images_before_color_correction: bool(false, "Save a copy of image before applying color correction to img2img results"),
    save_mask: bool(false, "For inpainting, save a copy of the greyscale mask"),
    save_mask_composite: bool(false, "For inpainting, save a masked composite"),
    jpeg_quality: int(80, "Quality for saved jpeg and avif images", slider(1, 100, 1)),
    webp_lossless: bool(false, "Use lossless compression for webp images"),
    export_for_4chan: bool(true, "Save copy of large images as JPG", { info: "if the file size is above the limit, or either width or height are above the limit" }),
    img_downscale_threshold: float(4.0, "File size limit for the above option, MB"),
    target_side_length: float(4000, "Width/height limit for the above option, in pixels"),
    img_max_size_mp: float(200, "Maximum image size", { info: "in megapixels" }),
    use_original_name_batch: bool(true, "Use original name for output filename during batch process in extras tab"),
    use_upscaler_name_as_suffix: bool(false, "Use upscaler name as filename suffix in the extras tab"),
    save_selected_only: bool(true, "When using 'Save' button, only save a single selected image"),
    save_write_log_csv: bool(true, "Write log.csv when saving images using 'Save' button"),
    save_init_img: bool(false, "Save init images when using img2img"),
    temp_dir: text("", "Directory for temporary images; leave empty for default"),
    clean_temp_dir_at_start: bool(false, "Cleanup non-default temporary directory when starting webui"),
    save_incomplete_images: bool(false, "Save incomplete images", { info: "save images that were interrupted in mid-generation; they are shown either way" }),
    notification_audio: bool(true, "Play notification sound after image generation"),
    notification_volume: int(100, "Notification sound volume", slider(0, 100, 1, { info: "in %" })),
  }),
  ...section("saving-paths", {
    outdir_samples: text("", "Output directory for images; if empty, defaults to three directories below", { outputFolder: true }),
    outdir_txt2img_samples: text("outputs/txt2img-images", "Output directory for txt2img images", { outputFolder: true }),
    outdir_img2img_samples: text("outputs/img2img-images", "Output directory for img2img images", { outputFolder: true }),
    outdir_extras_samples: text("outputs/extras-images", "Output directory for images from extras tab", { outputFolder: true }),
    outdir_grids: text("", "Output directory for grids; if empty, defaults to two directories below", { outputFolder: true }),
    outdir_txt2img_grids: text("outputs/txt2img-grids", "Output directory for txt2img grids", { outputFolder: true }),
    outdir_img2img_grids: text("outputs/img2img-grids", "Output directory for img2img grids", { outputFolder: true }),
    outdir_save: text("log/images", "Directory for saving images using the Save button", { outputFolder: true }),
    outdir_init_images: text("outputs/init-images", "Directory for saving init images when using img2img", { outputFolder: true }),
  }),
  ...section("saving-to-dirs", {
    save_to_dirs: bool(true, "Save images to a subdirectory"),
    grid_save_to_dirs: bool(true, "Save grids to a subdirectory"),
    use_save_to_dirs_for_ui: bool(false, 'When using "Save" button, save images to a subdirectory'),
    directories_filename_pattern: text("[date]", "Directory name pattern"),
    directories_max_prompt_words: int(8, "Max prompt words for [prompt_words] pattern", slider(1, 20, 1)),
  }),
  ...section("upscaling", {
    ESRGAN_tile: int(192, "Tile size for ESRGAN upscalers.", slider(0, 512, 16, { info: "0 = no tiling" })),
    ESRGAN_tile_overlap: int(8, "Tile overlap for ESRGAN upscalers.", slider(0, 48, 1, { info: "Low values = visible seam" })),
    realesrgan_enabled_models: list(["R-ESRGAN 4x+", "R-ESRGAN 4x+ Anime6B"], "Select which Real-ESRGAN models to show in the web UI.", { choicesFrom: "realesrgan_models" }),
    dat_enabled_models: list(["DAT x2", "DAT x3", "DAT x4"], "Select which DAT models to show in the web UI.", { choicesFrom: "dat_models" }),
    DAT_tile: int(192, "Tile size for DAT upscalers.", slider(0, 512, 16, { info: "0 = no tiling" })),
    DAT_tile_overlap: int(8, "Tile overlap for DAT upscalers.", slider(0, 48, 1, { info: "Low values = visible seam" })),
    upscaler_for_img2img: maybeText("Upscaler for img2img", { choicesFrom: "upscalers", info: "upscales the init image when the img2img size is larger; None = plain resize" }),
    set_scale_by_when_changing_upscaler: bool(false, "Automatically set the Scale by factor based on the name of the selected Upscaler."),
    SWIN_tile: int(192, "Tile size for all SwinIR.", slider(16, 512, 16)),
    SWIN_tile_overlap: int(8, "Tile overlap, in pixels for SwinIR. Low values = visible seam.", slider(0, 48, 1)),
    SWIN_torch_compile: bool(false, "Use torch.compile to accelerate SwinIR.", { info: "Takes longer on first run" }),
    SCUNET_tile: int(256, "Tile size for SCUNET upscalers.", slider(0, 512, 16, { info: "0 = no tiling" })),
    SCUNET_tile_overlap: int(8, "Tile overlap for SCUNET upscalers.", slider(0, 64, 1, { info: "Low values = visible seam" })),
    ldsr_steps: int(100, "LDSR processing steps. Lower = faster", slider(1, 200, 1)),
    ldsr_cached: bool(false, "Cache LDSR model in memory"),
  }),
  ...section("face-restoration", {
    face_restoration: bool(false, "Restore faces", { infotext: "Face restoration", info: "uses a face restoration model on the result; with none installed the job runs unchanged and says so" }),
    face_restoration_model: text("CodeFormer", "Face restoration model", { choicesFrom: "face_restorers" }),
    code_former_weight: float(0.5, "CodeFormer weight", slider(0, 1, 0.01, { info: "0 = maximum effect; 1 = minimum effect" })),
    face_restoration_unload: bool(false, "Move face restoration model from VRAM into RAM after processing"),
  }),
  ...section("system", {
    auto_launch_browser: choice(["Disable", "Local", "Remote"], "Local", "Automatically open webui in browser on startup"),
    enable_console_prompts: bool(false, "Print prompts to console when generating with txt2img and img2img."),
    show_warnings: bool(false, "Show warnings in console."),
    show_gradio_deprecation_warnings: bool(true, "Show gradio deprecation warnings in console."),
    memmon_poll_rate: int(8, "VRAM usage polls per second during generation.", slider(0, 40, 1, { info: "0 = disable" })),
    samples_log_stdout: bool(false, "Always print all generation info to standard output"),
    multiple_tqdm: bool(true, "Add a second progress bar to the console that shows progress for an entire job."),
    enable_upscale_progressbar: bool(true, "Show a progress bar in the console for tiled upscaling."),
    print_hypernet_extra: bool(false, "Print extra hypernetwork information to console."),
    list_hidden_files: bool(true, "Load models/files in hidden directories", { info: 'directory is hidden if its name starts with "."' }),
    disable_mmap_load_safetensors: bool(false, "Disable memmapping for loading .safetensors files.", { info: "fixes very slow loading speed in some cases" }),
    hide_ldm_prints: bool(true, "Prevent Stability-AI's ldm/sgm modules from printing noise to console."),
    dump_stacks_on_signal: bool(false, "Print stack traces before exiting the program with ctrl+c."),
  }),
  ...section("profiler", {
    profiling_explanation: html("Settings for recording a profile of each generation (A1111 uses torch's profiler; Onyx stores them only)."),
    profiling_enable: bool(false, "Enable profiling"),
    profiling_activities: list(["CPU"], "Activities", { choices: ["CPU", "CUDA"] }),
    profiling_record_shapes: bool(true, "Record shapes"),
    profiling_profile_memory: bool(true, "Profile memory"),
    profiling_with_stack: bool(true, "Include python stack"),
    profiling_filename: text("trace.json", "Profile filename"),
  }),
  ...section("API", {
    api_enable_requests: bool(true, "Allow http:// and https:// URLs for input images in API"),
    api_forbid_local_requests: bool(true, "Forbid URLs to local resources"),
    api_useragent: text("", "User agent for requests"),
  }),
  ...section("training", {
    unload_models_when_training: bool(false, "Move VAE and CLIP to RAM when training if possible. Saves VRAM."),
    pin_memory: bool(false, "Turn on pin_memory for DataLoader. Makes training slightly faster but can increase memory usage."),
    save_optimizer_state: bool(false, "Saves Optimizer state as separate *.optim file. Training of embedding or HN can be resumed with the matching optim file."),
    save_training_settings_to_txt: bool(true, "Save textual inversion and hypernet settings to a text file whenever training starts."),
    dataset_filename_word_regex: text("", "Filename word regex"),
    dataset_filename_join_string: text(" ", "Filename join string"),
    training_image_repeats_per_epoch: int(1, "Number of repeats for a single input image per epoch; used only for displaying epoch number"),
    training_write_csv_every: int(500, "Save an csv containing the loss to log directory every N steps, 0 to disable"),
    training_xattention_optimizations: bool(false, "Use cross attention optimizations while training"),
    training_enable_tensorboard: bool(false, "Enable tensorboard logging."),
    training_tensorboard_save_images: bool(false, "Save generated images within tensorboard."),
    training_tensorboard_flush_every: int(120, "How often, in seconds, to flush the pending tensorboard events and summaries to disk."),
  }),
  ...section("sd", {
    sd_model_checkpoint: maybeText("Stable Diffusion checkpoint", { choicesFrom: "checkpoints" }),
    sd_checkpoints_limit: int(1, "Maximum number of checkpoints loaded at the same time", slider(1, 10, 1)),
    sd_checkpoints_keep_in_cpu: bool(true, "Only keep one model on device", { info: "will keep models other than the currently used one in RAM rather than VRAM" }),
    sd_checkpoint_cache: int(0, "Checkpoints to cache in RAM", slider(0, 10, 1, { info: "obsolete; set to 0 and use the two settings above instead" })),
    sd_unet: text("Automatic", "SD Unet", { choicesFrom: "unet", info: "Automatic = a UNet with the checkpoint's file name; None = the checkpoint's own" }),
    enable_quantization: bool(false, "Enable quantization in K samplers for sharper and cleaner results. This may change existing seeds"),
    emphasis: choice(["Original", "No norm", "Ignore", "None"], "Original", "Emphasis mode", {
      infotext: "Emphasis",
      info: "how (more:1.1) and (less:0.9) weights apply: Original = scale then restore the mean; No norm = scale without restoring; Ignore = parse and drop the weights; None = no parsing",
    }),
    enable_batch_seeds: bool(true, "Make K-diffusion samplers produce same images in a batch as when making a single image"),
    comma_padding_backtrack: int(20, "Prompt word wrap length limit", slider(0, 74, 1, { info: "in tokens - a text this short that does not fit in the 75-token chunk moves to the next chunk" })),
    sdxl_clip_l_skip: bool(false, "Clip skip SDXL", { info: "applies Clip skip to SDXL's secondary text encoder too; no effect on SD 1.x/2.x" }),
    CLIP_stop_at_last_layers: int(1, "Clip skip", slider(1, 12, 1, { infotext: "Clip skip", info: "ignore last layers of CLIP network; 1 ignores none, 2 ignores one layer" })),
    upcast_attn: bool(false, "Upcast cross attention layer to float32"),
    randn_source: choice(["GPU", "CPU", "NV"], "GPU", "Random number generator source.", {
      infotext: "RNG",
      info: "GPU = CUDA's torch.randn (Philox, as A1111 on an NVidia card); NV = A1111's own CPU copy of that generator (rng_philox.py, same numbers); CPU = torch's CPU generator (the same picture on any vendor). Changes seeds drastically.",
    }),
    tiling: bool(false, "Tiling", { infotext: "Tiling", info: "produce a tileable picture" }),
    enable_prompt_comments: bool(true, "Enable comments", { info: "text from a # to the end of its line is left out of the prompt" }),
    hires_fix_refiner_pass: choice(["first pass", "second pass", "both passes"], "second pass", "Hires fix: which pass to enable refiner for", { infotext: "Hires refiner" }),
  }),
  ...section("sdxl", {
    sdxl_crop_top: int(0, "crop top coordinate"),
    sdxl_crop_left: int(0, "crop left coordinate"),
    sdxl_refiner_low_aesthetic_score: float(2.5, "SDXL low aesthetic score", { info: "used for refiner model negative prompt" }),
    sdxl_refiner_high_aesthetic_score: float(6.0, "SDXL high aesthetic score", { info: "used for refiner model prompt" }),
  }),
  ...section("sd3", {
    sd3_enable_t5: bool(false, "Enable T5", { info: "load the T5 text encoder; much more memory, possibly better pictures; applies on model reload" }),
  }),
  ...section("vae", {
    sd_vae_explanation: html("The VAE turns an RGB image into the latent space the sampler works in and back: txt2img uses it to decode the result; img2img also to encode the input image."),
    sd_vae_checkpoint_cache: int(0, "VAE Checkpoints to cache in RAM", slider(0, 10, 1)),
    sd_vae: text("Automatic", "SD VAE", { choicesFrom: "vae", info: "Automatic = a VAE with the checkpoint's file name; None = the checkpoint's own VAE" }),
    sd_vae_overrides_per_model_preferences: bool(true, "Selected VAE overrides per-model preferences"),
    auto_vae_precision_bfloat16: bool(false, "Automatically convert VAE to bfloat16"),
    auto_vae_precision: bool(true, "Automatically revert VAE to 32-bit floats", { info: "when the VAE produces NaNs" }),
    sd_vae_encode_method: choice(["Full", "TAESD"], "Full", "VAE type for encode", { infotext: "VAE Encoder" }),
    sd_vae_decode_method: choice(["Full", "TAESD"], "Full", "VAE type for decode", { infotext: "VAE Decoder" }),
  }),
  ...section("img2img", {
    inpainting_mask_weight: float(1.0, "Inpainting conditioning mask strength", slider(0, 1, 0.01, { infotext: "Conditional mask weight" })),
    initial_noise_multiplier: float(1.0, "Noise multiplier for img2img", slider(0, 1.5, 0.001, { infotext: "Noise multiplier" })),
    img2img_extra_noise: float(0.0, "Extra noise multiplier for img2img and hires fix", slider(0, 1, 0.01, { infotext: "Extra noise", info: "0 = disabled (default); should be lower than denoising strength" })),
    img2img_color_correction: bool(false, "Apply color correction to img2img results to match original colors."),
    img2img_fix_steps: bool(false, "With img2img, do exactly the amount of steps the slider specifies.", { info: "normally you'd do less with less denoising" }),
    img2img_background_color: color("#ffffff", "With img2img, fill transparent parts of the input image with this color."),
    img2img_editor_height: int(720, "Height of the image editor", slider(80, 1600, 1, { info: "in pixels" })),
    img2img_sketch_default_brush_color: color("#ffffff", "Sketch initial brush color"),
    img2img_inpaint_mask_brush_color: color("#ffffff", "Inpaint mask brush color"),
    img2img_inpaint_sketch_default_brush_color: color("#ffffff", "Inpaint sketch initial brush color"),
    return_mask: bool(false, "For inpainting, include the greyscale mask in results for web"),
    return_mask_composite: bool(false, "For inpainting, include masked composite in results for web"),
    img2img_batch_show_results_limit: int(32, "Show the first N batch img2img results in UI", slider(-1, 1000, 1, { info: "0: disable, -1: show all images" })),
    overlay_inpaint: bool(true, "Overlay original for inpaint", { info: "when inpainting, overlay the original image over the areas that weren't inpainted." }),
  }),
  ...section("optimizations", {
    cross_attention_optimization: text("Automatic", "Cross attention optimization", { choicesFrom: "cross_attention" }),
    s_min_uncond: float(0.0, "Negative Guidance minimum sigma", slider(0, 15, 0.01, { infotext: "NGMS", info: "skip negative prompt for some steps when the image is almost ready; 0=disable, higher=faster" })),
    s_min_uncond_all: bool(false, "Negative Guidance minimum sigma all steps", { infotext: "NGMS all steps" }),
    token_merging_ratio: float(0.0, "Token merging ratio", slider(0, 0.9, 0.1, { infotext: "Token merging ratio", info: "0=disable, higher=faster" })),
    token_merging_ratio_img2img: float(0.0, "Token merging ratio for img2img", slider(0, 0.9, 0.1, { info: "only applies if non-zero and overrides above" })),
    token_merging_ratio_hr: float(0.0, "Token merging ratio for high-res pass", slider(0, 0.9, 0.1, { infotext: "Token merging ratio hr", info: "only applies if non-zero and overrides above" })),
    pad_cond_uncond: bool(false, "Pad prompt/negative prompt", { infotext: "Pad conds", info: "pads the shorter of prompt and negative prompt to the same length; changes seeds" }),
    pad_cond_uncond_v0: bool(false, "Pad prompt/negative prompt (v0)", { infotext: "Pad conds v0" }),
    persistent_cond_cache: bool(true, "Persistent cond cache", { info: "do not recalculate conds from prompts if prompts have not changed since previous calculation" }),
    batch_cond_uncond: bool(true, "Batch cond/uncond"),
    fp8_storage: choice(["Disable", "Enable for SDXL", "Enable"], "Disable", "FP8 weight"),
    cache_fp16_weight: bool(false, "Cache FP16 weight for LoRA"),
    // A1111 takes these three as command-line flags (--sub-quad-*); Onyx keeps them with the settings.
    sub_quad_q_chunk_size: int(1024, "Sub-quadratic attention: query chunk size", { min: 1, info: "queries per chunk of memory-efficient attention" }),
    sub_quad_kv_chunk_size: maybeInt("Sub-quadratic attention: key/value chunk size", { min: 1, info: "empty = all keys at once" }),
    sub_quad_chunk_threshold: maybeInt("Sub-quadratic attention: chunking threshold", { min: 0, max: 100, info: "chunk attention whose scores would take more than this percent of the available memory; 0 = always, empty = Onyx's default (1)" }),
    // Onyx's own: onnxruntime's session options (lib/models/onnx-session.ts sessionOptions, docs/settings.md#onnx-runtime).
    onnx_intra_op_threads: int(0, "ONNX Runtime: intra-op threads", { min: 0, max: 256, info: "threads per model call; 0 = one per CPU; applies to models loaded afterwards" }),
    onnx_graph_optimization: choice(["all", "extended", "basic", "disabled"], "all", "ONNX Runtime: graph optimization level", { info: "applies to models loaded afterwards" }),
  }),
  ...section("compatibility", {
    auto_backcompat: bool(true, "Automatic backward compatibility"),
    use_old_emphasis_implementation: bool(false, "Use old emphasis implementation. Can be useful to reproduce old seeds."),
    use_old_karras_scheduler_sigmas: bool(false, "Use old karras scheduler sigmas (0.1 to 10)."),
    no_dpmpp_sde_batch_determinism: bool(false, "Do not make DPM++ SDE deterministic across different batch sizes."),
    use_old_hires_fix_width_height: bool(false, "For hires fix, use width/height sliders to set final resolution rather than first pass (disables Upscale by, Resize width/height to)."),
    hires_fix_use_firstpass_conds: bool(false, "For hires fix, calculate conds of second pass using extra networks of first pass."),
    use_old_scheduling: bool(false, "Use old prompt editing timelines.", { infotext: "Old prompt editing timelines" }),
    use_downcasted_alpha_bar: bool(false, "Downcast model alphas_cumprod to fp16 before sampling. For reproducing old seeds.", { infotext: "Downcast alphas_cumprod" }),
    refiner_switch_by_sample_steps: bool(false, "Switch to refiner by sampling steps instead of model timesteps. Old behavior for refiner.", { infotext: "Refiner switch by sampling steps" }),
    lora_functional: bool(false, "Lora/Networks: use old method that takes longer when you have multiple Loras active and produces same results as kohya-ss/sd-webui-additional-networks extension"),
  }),
  ...section("interrogate", {
    interrogate_keep_models_in_memory: bool(false, "Keep models in VRAM"),
    interrogate_return_ranks: bool(false, "Include ranks of model tags matches in results.", { info: "booru only" }),
    interrogate_clip_num_beams: int(1, "BLIP: num_beams", slider(1, 16, 1)),
    interrogate_clip_min_length: int(24, "BLIP: minimum description length", slider(1, 128, 1)),
    interrogate_clip_max_length: int(48, "BLIP: maximum description length", slider(1, 256, 1)),
    interrogate_clip_dict_limit: int(1500, "CLIP: maximum number of lines in text file", { info: "0 = No limit" }),
    interrogate_clip_skip_categories: list([], "CLIP: skip inquire categories", { choicesFrom: "interrogate_categories" }),
    interrogate_deepbooru_score_threshold: float(0.5, "deepbooru: score threshold", slider(0, 1, 0.01)),
    deepbooru_sort_alpha: bool(true, "deepbooru: sort tags alphabetically", { info: "if not: sort by score" }),
    deepbooru_use_spaces: bool(true, "deepbooru: use spaces in tags", { info: "if not: use underscores" }),
    deepbooru_escape: bool(true, "deepbooru: escape (\\) brackets", { info: "so they are used as literal brackets and not for emphasis" }),
    deepbooru_filter_tags: text("", "deepbooru: filter out those tags", { info: "separate by comma" }),
  }),
  ...section("extra_networks", {
    extra_networks_show_hidden_directories: bool(true, "Show hidden directories", { info: 'directory is hidden if its name starts with ".".' }),
    extra_networks_dir_button_function: bool(false, "Add a '/' to the beginning of directory buttons"),
    extra_networks_hidden_models: choice(["Always", "When searched", "Never"], "When searched", "Show cards for models in hidden directories"),
    extra_networks_default_multiplier: float(1.0, "Default multiplier for extra networks", slider(0, 2, 0.01)),
    extra_networks_card_width: int(0, "Card width for Extra Networks", { info: "in pixels" }),
    extra_networks_card_height: int(0, "Card height for Extra Networks", { info: "in pixels" }),
    extra_networks_card_text_scale: float(1.0, "Card text scale", slider(0, 2, 0.01, { info: "1 = original size" })),
    extra_networks_card_show_desc: bool(true, "Show description on card"),
    extra_networks_card_description_is_html: bool(false, "Treat card description as HTML"),
    extra_networks_card_order_field: choice(["Path", "Name", "Date Created", "Date Modified"], "Path", "Default order field for Extra Networks cards"),
    extra_networks_card_order: choice(["Ascending", "Descending"], "Ascending", "Default order for Extra Networks cards"),
    extra_networks_tree_view_style: choice(["Tree", "Dirs"], "Dirs", "Extra Networks directory view style"),
    extra_networks_tree_view_default_enabled: bool(true, "Show the Extra Networks directory view by default"),
    extra_networks_tree_view_default_width: float(180, "Default width for the Extra Networks directory tree view"),
    extra_networks_add_text_separator: text(" ", "Extra networks separator", { info: "extra text to add before <...> when adding extra network to prompt" }),
    ui_extra_networks_tab_reorder: text("", "Extra networks tab order"),
    textual_inversion_print_at_load: bool(false, "Print a list of Textual Inversion embeddings when loading model"),
    textual_inversion_add_hashes_to_infotext: bool(true, "Add Textual Inversion hashes to infotext"),
    sd_hypernetwork: text("None", "Add hypernetwork to prompt", { choicesFrom: "hypernetworks" }),
    sd_lora: text("None", "Add network to prompt", { choicesFrom: "loras" }),
    lora_preferred_name: choice(["Alias from file", "Filename"], "Alias from file", "When adding to prompt, refer to Lora by"),
    lora_add_hashes_to_infotext: bool(true, "Add Lora hashes to infotext"),
    lora_bundled_ti_to_infotext: bool(true, "Add Lora name as TI hashes for bundled Textual Inversion"),
    lora_show_all: bool(false, "Always show all networks on the Lora page", { info: "otherwise, those detected as for incompatible version of Stable Diffusion will be hidden" }),
    lora_hide_unknown_for_versions: list([], "Hide networks of unknown versions for model versions", { choices: ["SD1", "SD2", "SDXL"] }),
    lora_in_memory_limit: int(0, "Number of Lora networks to keep cached in memory"),
    lora_not_found_warning_console: bool(false, "Lora not found warning in console"),
    lora_not_found_gradio_warning: bool(false, "Lora not found warning popup in webui"),
  }),
  ...section("ui_prompt_editing", {
    keyedit_precision_attention: float(0.1, "Precision for (attention:1.1) when editing the prompt with Ctrl+up/down", slider(0.01, 0.2, 0.001)),
    keyedit_precision_extra: float(0.05, "Precision for <extra networks:0.9> when editing the prompt with Ctrl+up/down", slider(0.01, 0.2, 0.001)),
    keyedit_delimiters: text(".,\\/!?%^*;:{}=`~() ", "Word delimiters when editing the prompt with Ctrl+up/down"),
    keyedit_delimiters_whitespace: list(["Tab", "Carriage Return", "Line Feed"], "Ctrl+up/down whitespace delimiters", { choices: ["Tab", "Carriage Return", "Line Feed"] }),
    keyedit_move: bool(true, "Alt+left/right moves prompt elements"),
    disable_token_counters: bool(false, "Disable prompt token counters"),
    include_styles_into_token_counters: bool(true, "Count tokens of enabled styles"),
  }),
  ...section("ui_gallery", {
    return_grid: bool(true, "Show grid in gallery"),
    do_not_show_images: bool(false, "Do not show any images in gallery"),
    js_modal_lightbox: bool(true, "Full page image viewer: enable"),
    js_modal_lightbox_initially_zoomed: bool(true, "Full page image viewer: show images zoomed in by default"),
    js_modal_lightbox_gamepad: bool(false, "Full page image viewer: navigate with gamepad"),
    js_modal_lightbox_gamepad_repeat: int(250, "Full page image viewer: gamepad repeat period", { info: "in milliseconds" }),
    sd_webui_modal_lightbox_icon_opacity: float(1, "Full page image viewer: control icon unfocused opacity", slider(0, 1, 0.01)),
    sd_webui_modal_lightbox_toolbar_opacity: float(0.9, "Full page image viewer: tool bar opacity", slider(0, 1, 0.01)),
    gallery_height: text("", "Gallery height", { info: "any CSS length, for example 768px or 20em" }),
    open_dir_button_choice: choice(["Output Root", "Subdirectory", "Subdirectory (even temp dir)"], "Subdirectory", "What directory the [📂] button opens"),
  }),
  ...section("ui_alternatives", {
    compact_prompt_box: bool(false, "Compact prompt layout"),
    samplers_in_dropdown: bool(true, "Use dropdown for sampler selection instead of radio group"),
    dimensions_and_batch_together: bool(true, "Show Width/Height and Batch sliders in same row"),
    sd_checkpoint_dropdown_use_short: bool(false, "Checkpoint dropdown: use filenames without paths"),
    hires_fix_show_sampler: bool(false, "Hires fix: show hires checkpoint and sampler selection"),
    hires_fix_show_prompts: bool(false, "Hires fix: show hires prompt and negative prompt"),
    txt2img_settings_accordion: bool(false, "Settings in txt2img hidden under Accordion"),
    img2img_settings_accordion: bool(false, "Settings in img2img hidden under Accordion"),
    interrupt_after_current: bool(true, "Don't Interrupt in the middle", { info: "with several images queued, the Interrupt button first stops after the current image" }),
  }),
  ...section("ui", {
    localization: text("None", "Localization", { choicesFrom: "localizations" }),
    quicksettings_list: list(["sd_model_checkpoint"], "Quicksettings list", { choicesFrom: "setting_keys", info: "setting entries that appear at the top of page rather than in settings tab" }),
    ui_tab_order: list([], "UI tab order", { choicesFrom: "tabs" }),
    hidden_tabs: list([], "Hidden UI tabs", { choicesFrom: "tabs" }),
    ui_reorder_list: list([], "UI item order for txt2img/img2img tabs", { choicesFrom: "ui_reorder", info: "selected items appear first" }),
    gradio_theme: text("Default", "Gradio theme", { choicesFrom: "themes" }),
    gradio_themes_cache: bool(true, "Cache gradio themes locally"),
    show_progress_in_title: bool(true, "Show generation progress in window title."),
    send_seed: bool(true, "Send seed when sending prompt or image to other interface"),
    send_size: bool(true, "Send size when sending prompt or image to another interface"),
    enable_reloading_ui_scripts: bool(false, "Reload UI scripts when using Reload UI option"),
  }),
  ...section("infotext", {
    infotext_explanation: html("Infotext is the text with the generation parameters stored with every image; pasted into the prompt box (paste button), it restores them to make the same picture again."),
    enable_pnginfo: bool(true, "Write infotext to metadata of the generated image"),
    save_txt: bool(false, "Create a text file with infotext next to every generated image"),
    add_model_name_to_info: bool(true, "Add model name to infotext"),
    add_model_hash_to_info: bool(true, "Add model hash to infotext"),
    add_vae_name_to_info: bool(true, "Add VAE name to infotext"),
    add_vae_hash_to_info: bool(true, "Add VAE hash to infotext"),
    add_user_name_to_info: bool(false, "Add user name to infotext when authenticated"),
    add_version_to_infotext: bool(true, "Add program version to infotext"),
    disable_weights_auto_swap: bool(true, "Disregard checkpoint information from pasted infotext", { info: "when reading generation parameters from text into UI" }),
    infotext_skip_pasting: list([], "Disregard fields from pasted infotext", { choicesFrom: "infotext_fields" }),
    infotext_styles: choice(["Ignore", "Apply", "Discard", "Apply if any"], "Apply if any", "Infer styles from prompts of pasted infotext"),
  }),
  ...section("live-previews", {
    show_progressbar: bool(true, "Show progressbar"),
    live_previews_enable: bool(true, "Show live previews of the created image"),
    live_previews_image_format: choice(["jpeg", "png", "webp"], "png", "Live preview file format"),
    show_progress_grid: bool(true, "Show previews of all images generated in a batch as a grid"),
    show_progress_every_n_steps: int(10, "Live preview display period", slider(-1, 32, 1, { info: "in sampling steps - a new preview every N steps; -1 = only after each batch" })),
    show_progress_type: choice(["Full", "Approx NN", "Approx cheap", "TAESD"], "Approx NN", "Live preview method"),
    live_preview_allow_lowvram_full: bool(false, "Allow Full live preview method with lowvram/medvram"),
    live_preview_content: choice(["Combined", "Prompt", "Negative prompt"], "Prompt", "Live preview subject"),
    live_preview_refresh_period: int(1000, "Progressbar and preview update period", { min: 100, max: 60000, info: "in milliseconds" }),
    live_preview_fast_interrupt: bool(false, "Return image with chosen live preview method on interrupt", { info: "makes interrupts faster" }),
    js_live_preview_in_modal_lightbox: bool(false, "Show Live preview in full page image viewer"),
    prevent_screen_sleep_during_generation: bool(true, "Prevent screen sleep during generation"),
  }),
  ...section("sampler-params", {
    hide_samplers: list([], "Hide samplers in user interface", { choicesFrom: "samplers" }),
    eta_ddim: float(0.0, "Eta for DDIM", slider(0, 1, 0.01, { infotext: "Eta DDIM", info: "noise multiplier; higher = more unpredictable results" })),
    eta_ancestral: float(1.0, "Eta for k-diffusion samplers", slider(0, 1, 0.01, { infotext: "Eta", info: "noise multiplier; applies to ancestral samplers (i.e. Euler a) and SDE samplers" })),
    ddim_discretize: choice(["uniform", "quad"], "uniform", "img2img DDIM discretize"),
    s_churn: float(0.0, "sigma churn", slider(0, 100, 0.01, { infotext: "Sigma churn", info: "amount of stochasticity; only applies to Euler, Heun, and DPM2" })),
    s_tmin: float(0.0, "sigma tmin", slider(0, 10, 0.01, { infotext: "Sigma tmin", info: "enable stochasticity; start value of the sigma range; only applies to Euler, Heun, and DPM2" })),
    s_tmax: float(0.0, "sigma tmax", slider(0, 999, 0.01, { infotext: "Sigma tmax", info: "0 = inf; end value of the sigma range; only applies to Euler, Heun, and DPM2" })),
    s_noise: float(1.0, "sigma noise", slider(0, 1.1, 0.001, { infotext: "Sigma noise", info: "amount of additional noise to counteract loss of detail during sampling" })),
    sigma_min: float(0.0, "sigma min", { min: 0, infotext: "Schedule min sigma", info: "0 = the model's default (~0.03 for SD 1.x); minimum noise strength of the noise schedule" }),
    sigma_max: float(0.0, "sigma max", { min: 0, infotext: "Schedule max sigma", info: "0 = the model's default (~14.6 for SD 1.x); maximum noise strength of the noise schedule" }),
    rho: float(0.0, "rho", { min: 0, infotext: "Schedule rho", info: "0 = the schedule's default (7 for Karras, 1 for Polyexponential); higher = a steeper schedule" }),
    eta_noise_seed_delta: int(0, "Eta noise seed delta", { min: 0, infotext: "ENSD", info: "changes the noise of ancestral samplers; only useful for reproducing images" }),
    always_discard_next_to_last_sigma: bool(false, "Always discard next-to-last sigma", { infotext: "Discard penultimate sigma" }),
    sgm_noise_multiplier: bool(false, "SGM noise multiplier", { infotext: "SGM noise multiplier", info: "match initial noise to official SDXL implementation - only useful for reproducing images" }),
    uni_pc_variant: choice(["bh1", "bh2", "vary_coeff"], "bh1", "UniPC variant", { infotext: "UniPC variant" }),
    uni_pc_skip_type: choice(["time_uniform", "time_quadratic", "logSNR"], "time_uniform", "UniPC skip type", { infotext: "UniPC skip type" }),
    uni_pc_order: int(3, "UniPC order", slider(1, 50, 1, { infotext: "UniPC order", info: "must be < sampling steps" })),
    uni_pc_lower_order_final: bool(true, "UniPC lower order final", { infotext: "UniPC lower order final" }),
    sd_noise_schedule: choice(["Default", "Zero Terminal SNR"], "Default", "Noise schedule for sampling", { infotext: "Noise Schedule", info: "for use with zero terminal SNR trained models" }),
    skip_early_cond: float(0.0, "Ignore negative prompt during early sampling", slider(0, 1, 0.01, { infotext: "Skip Early CFG", info: "disables CFG on this fraction of the first steps; 0 = none, 1 = all" })),
    beta_dist_alpha: float(0.6, "Beta scheduler - alpha", slider(0.01, 1, 0.01, { infotext: "Beta schedule alpha", info: "Default = 0.6; the alpha parameter of the beta distribution used in Beta sampling" })),
    beta_dist_beta: float(0.6, "Beta scheduler - beta", slider(0.01, 1, 0.01, { infotext: "Beta schedule beta", info: "Default = 0.6; the beta parameter of the beta distribution used in Beta sampling" })),
  }),
  ...section("postprocessing", {
    postprocessing_enable_in_main_ui: list([], "Enable postprocessing operations in txt2img and img2img tabs", { choicesFrom: "postprocessing" }),
    postprocessing_disable_in_extras: list([], "Disable postprocessing operations in extras tab", { choicesFrom: "postprocessing" }),
    postprocessing_operation_order: list([], "Postprocessing operation order", { choicesFrom: "postprocessing" }),
    upscaling_max_images_in_cache: int(5, "Maximum number of images in upscaling cache", slider(0, 10, 1)),
    postprocessing_existing_caption_action: choice(["Ignore", "Keep", "Prepend", "Append"], "Ignore", "Action for existing captions"),
  }),
  ...section("hypertile", {
    hypertile_explanation: html("Hypertile splits the U-Net's and VAE's self-attention into tiles to speed up large pictures (stored only: Onyx has no Hypertile)."),
    hypertile_enable_unet: bool(false, "Enable Hypertile U-Net", { infotext: "Hypertile U-Net" }),
    hypertile_enable_unet_secondpass: bool(false, "Enable Hypertile U-Net for hires fix second pass", { infotext: "Hypertile U-Net second pass" }),
    hypertile_max_depth_unet: int(3, "Hypertile U-Net max depth", slider(0, 3, 1, { infotext: "Hypertile U-Net max depth" })),
    hypertile_max_tile_unet: int(256, "Hypertile U-Net max tile size", slider(0, 512, 16, { infotext: "Hypertile U-Net max tile size" })),
    hypertile_swap_size_unet: int(3, "Hypertile U-Net swap size", slider(0, 64, 1, { infotext: "Hypertile U-Net swap size" })),
    hypertile_enable_vae: bool(false, "Enable Hypertile VAE", { infotext: "Hypertile VAE" }),
    hypertile_max_depth_vae: int(3, "Hypertile VAE max depth", slider(0, 3, 1, { infotext: "Hypertile VAE max depth" })),
    hypertile_max_tile_vae: int(128, "Hypertile VAE max tile size", slider(0, 512, 16, { infotext: "Hypertile VAE max tile size" })),
    hypertile_swap_size_vae: int(3, "Hypertile VAE swap size", slider(0, 64, 1, { infotext: "Hypertile VAE swap size" })),
  }),
  ...section("settings_in_ui", {
    settings_in_ui: html("Settings chosen here also appear in the txt2img and img2img tabs."),
    extra_options_txt2img: list([], "Settings for txt2img", { choicesFrom: "setting_keys", info: "setting entries that also appear in txt2img interfaces" }),
    extra_options_img2img: list([], "Settings for img2img", { choicesFrom: "setting_keys", info: "setting entries that also appear in img2img interfaces" }),
    extra_options_cols: int(1, "Number of columns for added settings", slider(1, 20, 1)),
    extra_options_accordion: bool(false, "Place added settings into an accordion"),
  }),
  ...section("canvas_hotkey", {
    canvas_hotkey_zoom: choice(SHIFT_CTRL_ALT, "Alt", "Zoom canvas"),
    canvas_hotkey_adjust: choice(SHIFT_CTRL_ALT, "Ctrl", "Adjust brush size"),
    canvas_hotkey_shrink_brush: text("Q", "Shrink the brush size"),
    canvas_hotkey_grow_brush: text("W", "Enlarge the brush size"),
    canvas_hotkey_move: text("F", "Moving the canvas"),
    canvas_hotkey_fullscreen: text("S", "Fullscreen Mode, maximizes the picture so that it fits into the screen and stretches it to its full width "),
    canvas_hotkey_reset: text("R", "Reset zoom and canvas positon"),
    canvas_hotkey_overlap: text("O", "Toggle overlap"),
    canvas_show_tooltip: bool(true, "Enable tooltip on the canvas"),
    canvas_auto_expand: bool(true, "Automatically expands an image that does not fit completely in the canvas area, similar to manually pressing the S and R buttons"),
    canvas_blur_prompt: bool(false, "Take the focus off the prompt when working with a canvas"),
    canvas_disabled_functions: list(["Overlap"], "Disable function that you don't use", {
      choices: ["Zoom", "Adjust brush size", "Hotkey enlarge brush", "Hotkey shrink brush", "Undo", "Clear", "Move canvas", "Fullscreen", "Reset Zoom", "Overlap"],
    }),
  }),
  ...section("hidden", {
    disabled_extensions: list([], "Disable these extensions"),
    disable_all_extensions: choice(["none", "extra", "all"], "none", "Disable all extensions (preserves the list of disabled extensions)"),
    restore_config_state_file: text("", "Config state file to restore from, under 'config-states/' folder"),
    sd_checkpoint_hash: text("", "SHA256 hash of the current checkpoint"),
  }),
};

export type OptionKey = keyof typeof OPTIONS;
export type Options = { -readonly [K in OptionKey]: (typeof OPTIONS)[K]["default"] };

/** A section an extension's settings are drawn under (A1111's `section=("adetailer", "ADetailer")`). */
export interface ExtensionSection {
  readonly id: string;
  readonly label: string;
}

/** The loaded extensions' settings, replaced as a whole each time the extensions load. */
interface ExtensionCatalogue {
  specs: Map<string, OptionSpec>;
  sections: ExtensionSection[];
}

const extensionCatalogue = () => processSingleton<ExtensionCatalogue>("extensionOptions", () => ({ specs: new Map(), sections: [] }));

/** Installs the loaded extensions' settings (lib/scripts/extension-loader.ts), dropping the previous ones. */
export function setExtensionOptions(specs: ReadonlyMap<string, OptionSpec>, sections: readonly ExtensionSection[]): void {
  const catalogue = extensionCatalogue();
  catalogue.specs = new Map(specs);
  catalogue.sections = [...sections];
}

/** The extensions' sections, in load order. */
export function extensionSections(): readonly ExtensionSection[] {
  return extensionCatalogue().sections;
}

/** Every setting, built-in ones first (catalogue order), then the extensions' in load order. */
export function allOptionKeys(): OptionKey[] {
  return [...Object.keys(OPTIONS), ...extensionCatalogue().specs.keys()] as OptionKey[];
}

export function defaultOptions(): Options {
  return Object.fromEntries(allOptionKeys().map((k) => [k, structuredClone(optionSpec(k).default)])) as Options;
}

/** A built-in setting's key or a loaded extension's (typed as OptionKey: both are looked up the same way). */
export function isOptionKey(key: string): key is OptionKey {
  return Object.hasOwn(OPTIONS, key) || extensionCatalogue().specs.has(key);
}

/** Whether `key` is one of Onyx's own settings (an extension may not take its name). */
export function isBuiltInOptionKey(key: string): boolean {
  return Object.hasOwn(OPTIONS, key);
}

export function optionSpec(key: OptionKey): OptionSpec {
  return (OPTIONS[key] as OptionSpec | undefined) ?? extensionCatalogue().specs.get(key)!;
}
