// A1111's file and folder name patterns ("Images filename pattern", "Directory name pattern"; its
// FilenameGenerator and sanitize_filename_part, docs/filename-patterns.md): `[tag]` and
// `[tag<arg>…]` are replaced from the image's context; unknown tags stay as written (without their
// arguments); a tag with nothing to say for this image ("nothing and skip previous text") also drops
// the literal text just before it.
import { createHash } from "node:crypto";
import { formatPythonFloat } from "@/lib/python/float";

/** What a pattern can refer to, for one image of a job. */
export interface FilenameContext {
  /** This image's prompt ([prompt], [prompt_spaces], [prompt_words], [prompt_hash], [hasprompt]). */
  prompt: string;
  /** This image's negative prompt ([negative_prompt_hash], [full_prompt_hash]). */
  negativePrompt: string;
  /** This image's seed; null when the file has none (grids saved without decoration). */
  seed: number | null;
  /** Every seed of the job ([seed_first], [seed_last]). */
  allSeeds: readonly number[];
  batchSize: number;
  /** 0-based position in its batch ([batch_number]). */
  batchIndex: number;
  /** 0-based batch number within the job, and the job's batch count ([generation_number]). */
  iteration: number;
  nIter: number;
  steps: number;
  cfgScale: number;
  /** Print CFG and denoising as Python floats ("7.0"), as API jobs do; UI jobs print whole numbers as ints. */
  floatNumbers: boolean;
  samplerName: string;
  scheduler: string;
  /** The image's size ([width], [height]). */
  width: number;
  height: number;
  modelHash: string;
  modelName: string;
  /** The job's start, "YYYYmmddHHMMSS" ([job_timestamp]). */
  jobTimestamp: string;
  styles: readonly string[];
  /** The prompt texts of the applied styles, removed by [prompt_no_styles]. */
  stylePrompts?: readonly string[];
  /** The Clip skip setting ([clip_skip]). */
  clipSkip: number;
  /** null or 0 when the job does not denoise an image ([denoising] is then skipped). */
  denoisingStrength: number | null;
  /** The authenticated user; without one, [user] stays literally (A1111). */
  user?: string | null;
  /** The separate VAE file in use; A1111 prints "NoneType" without one. */
  vaeFilename?: string | null;
  /** "Max prompt words for [prompt_words] pattern" (default 8). */
  maxPromptWords?: number;
  /** The image's raw pixels, for [image_hash]. */
  imagePixels?: Uint8Array;
  /** Clock for [date] and [datetime] (default now). */
  now?: Date;
  /** Archive names (A1111 `zip`): [batch_number] and [generation_number] are skipped. */
  zip?: boolean;
}

/** A1111's `filenames_max_length` default. */
export const MAX_FILENAME_PART_LENGTH = 128;

const INVALID_CHARS = new Set([..."#<>:\"/\\|?*\n\r\t"]);

/** A1111's sanitize_filename_part: spaces (optionally) and invalid characters → "_", trimmed, cut to 128. */
export function sanitizeFilenamePart(text: string, replaceSpaces = true): string {
  let chars = [...(replaceSpaces ? text.replaceAll(" ", "_") : text)].map((c) => (INVALID_CHARS.has(c) ? "_" : c));
  let start = 0;
  while (start < chars.length && chars[start] === " ") start++;
  chars = chars.slice(start, start + MAX_FILENAME_PART_LENGTH);
  let end = chars.length;
  while (end > 0 && (chars[end - 1] === " " || chars[end - 1] === ".")) end--;
  return chars.slice(0, end).join("");
}

/** Marks a tag that writes nothing and also drops the text before it. */
const SKIP = Symbol("nothing and skip previous text");
type Replacement = string | number | null | typeof SKIP;

const pyNumber = (n: number, float: boolean) => (float || !Number.isInteger(n) ? formatPythonFloat(n) : String(n));

/** Python's `int(text)` for a tag argument; anything else makes the tag stay literally. */
function intArg(text: string | undefined, fallback: number | null): number | null {
  if (text === undefined || text === "") return fallback;
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(text)) throw new Error(`invalid literal for int(): '${text}'`);
  return Number(text.replace(/[\s_]/g, ""));
}

/** Python's `s[0:length]` on a hex digest (negative lengths count from the end). */
function hashPrefix(text: string | Uint8Array, length: number | null): string {
  const hex = createHash("sha256").update(text).digest("hex");
  return length === null ? hex : hex.slice(0, length < 0 ? Math.max(0, hex.length + length) : length);
}

// string.punctuation inside A1111's `[\s…]` class: the backslash escapes "]", so "\" itself is a letter.
const NON_LETTERS = /[\s!"#$%&'()*+,\-./:;<=>?@[\]^_`{|}~]+/u;

function promptWords(ctx: FilenameContext): string {
  const words = ctx.prompt.split(NON_LETTERS).filter(Boolean);
  const shown = (words.length > 0 ? words : ["empty"]).slice(0, ctx.maxPromptWords ?? 8);
  return sanitizeFilenamePart(shown.join(" "), false);
}

/** Python's str.strip(chars). */
const strip = (text: string, chars: string) => {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end);
};

function promptNoStyles(ctx: FilenameContext): string {
  let prompt = ctx.prompt;
  for (const style of ctx.stylePrompts ?? []) {
    if (!style) continue;
    for (const part of style.split("{prompt}")) prompt = strip(strip(prompt.replaceAll(part, "").replaceAll(", ,", ","), " \t\n\r\f\v"), ",");
    prompt = strip(strip(strip(prompt.replaceAll(style, ""), " \t\n\r\f\v"), ","), " \t\n\r\f\v");
  }
  return sanitizeFilenamePart(prompt, false);
}

function hasPrompt(ctx: FilenameContext, args: string[]): string {
  const lower = ctx.prompt.toLowerCase();
  let out = "";
  for (const arg of args) {
    if (arg === "") continue;
    const [expectedText, fallback = ""] = arg.split("|");
    const expected = expectedText.toLowerCase();
    out += lower.includes(expected) ? expected : fallback;
  }
  return sanitizeFilenamePart(out);
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

interface ClockParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  /** Minutes east of UTC. */
  offset: number;
  zoneName: string;
}

/** The wall clock of `date` in `timeZone` (an IANA name), or in local time when it is not given or unknown. */
function clockParts(date: Date, timeZone: string | undefined): ClockParts {
  if (timeZone) {
    try {
      const fmt = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", timeZoneName: "short" });
      const parts = Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
      const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
      const offset = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60000);
      return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute, second: +parts.second, millisecond: date.getMilliseconds(), weekday: new Date(wall).getUTCDay(), offset, zoneName: parts.timeZoneName ?? timeZone };
    } catch {
      // pytz.UnknownTimeZoneError: A1111 falls back to local time.
    }
  }
  const zone = /\(([^)]+)\)/.exec(date.toString())?.[1] ?? "";
  return {
    year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), hour: date.getHours(), minute: date.getMinutes(), second: date.getSeconds(),
    millisecond: date.getMilliseconds(), weekday: date.getDay(), offset: -date.getTimezoneOffset(), zoneName: zone,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** C's strftime for the directives Python documents; unknown ones are kept as written (glibc). */
export function strftime(format: string, date: Date, timeZone?: string): string {
  const c = clockParts(date, timeZone);
  const dayOfYear = Math.round((Date.UTC(c.year, c.month - 1, c.day) - Date.UTC(c.year, 0, 1)) / 86400000) + 1;
  const weekOfYear = (firstWeekday: number) => Math.floor((dayOfYear + 6 - ((c.weekday - firstWeekday + 7) % 7)) / 7);
  const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
  const sign = c.offset < 0 ? "-" : "+";
  const directives: Record<string, () => string> = {
    a: () => WEEKDAYS[c.weekday].slice(0, 3),
    A: () => WEEKDAYS[c.weekday],
    w: () => String(c.weekday),
    d: () => pad(c.day),
    b: () => MONTHS[c.month - 1].slice(0, 3),
    B: () => MONTHS[c.month - 1],
    m: () => pad(c.month),
    y: () => pad(c.year % 100),
    Y: () => String(c.year),
    H: () => pad(c.hour),
    I: () => pad(hour12),
    p: () => (c.hour < 12 ? "AM" : "PM"),
    M: () => pad(c.minute),
    S: () => pad(c.second),
    f: () => pad(c.millisecond * 1000, 6),
    z: () => `${sign}${pad(Math.floor(Math.abs(c.offset) / 60))}${pad(Math.abs(c.offset) % 60)}`,
    Z: () => c.zoneName,
    j: () => pad(dayOfYear, 3),
    U: () => pad(weekOfYear(0)),
    W: () => pad(weekOfYear(1)),
    c: () => `${WEEKDAYS[c.weekday].slice(0, 3)} ${MONTHS[c.month - 1].slice(0, 3)} ${String(c.day).padStart(2, " ")} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} ${c.year}`,
    x: () => `${pad(c.month)}/${pad(c.day)}/${pad(c.year % 100)}`,
    X: () => `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`,
    "%": () => "%",
  };
  return format.replace(/%(.)/gs, (whole, d: string) => directives[d]?.() ?? whole);
}

const DEFAULT_TIME_FORMAT = "%Y%m%d%H%M%S";

type TagFn = (ctx: FilenameContext, args: string[]) => Replacement;

const TAGS: Record<string, TagFn> = {
  seed: (c) => c.seed ?? "",
  seed_first: (c) => (c.batchSize === 1 ? c.seed : (c.allSeeds[0] ?? null)),
  seed_last: (c) => (c.batchSize === 1 ? SKIP : (c.allSeeds.at(-1) ?? null)),
  steps: (c) => c.steps,
  cfg: (c) => pyNumber(c.cfgScale, c.floatNumbers),
  width: (c) => c.width,
  height: (c) => c.height,
  styles: (c) => sanitizeFilenamePart(c.styles.filter((s) => s !== "None").join(", ") || "None", false),
  sampler: (c) => sanitizeFilenamePart(c.samplerName, false),
  sampler_scheduler: (c) => sanitizeFilenamePart(c.scheduler === "Automatic" ? c.samplerName : `${c.samplerName}_${c.scheduler}`, false),
  scheduler: (c) => sanitizeFilenamePart(c.scheduler, false),
  model_hash: (c) => c.modelHash,
  model_name: (c) => sanitizeFilenamePart(c.modelName, false),
  date: (c) => strftime("%Y-%m-%d", c.now ?? new Date()),
  datetime: (c, [format, zone]) => sanitizeFilenamePart(strftime(format || DEFAULT_TIME_FORMAT, c.now ?? new Date(), zone), false),
  job_timestamp: (c) => c.jobTimestamp,
  prompt_hash: (c, [n]) => hashPrefix(c.prompt, intArg(n, 8)),
  negative_prompt_hash: (c, [n]) => hashPrefix(c.negativePrompt, intArg(n, 8)),
  // A space between the two, so "a b" + "" and "a" + "b" differ.
  full_prompt_hash: (c, [n]) => hashPrefix(`${c.prompt} ${c.negativePrompt}`, intArg(n, 8)),
  prompt: (c) => sanitizeFilenamePart(c.prompt),
  prompt_no_styles: (c) => promptNoStyles(c),
  prompt_spaces: (c) => sanitizeFilenamePart(c.prompt, false),
  prompt_words: (c) => promptWords(c),
  batch_number: (c) => (c.batchSize === 1 || c.zip ? SKIP : c.batchIndex + 1),
  batch_size: (c) => c.batchSize,
  generation_number: (c) => ((c.nIter === 1 && c.batchSize === 1) || c.zip ? SKIP : c.iteration * c.batchSize + c.batchIndex + 1),
  hasprompt: (c, args) => hasPrompt(c, args),
  clip_skip: (c) => c.clipSkip,
  denoising: (c) => (c.denoisingStrength ? pyNumber(c.denoisingStrength, true) : SKIP),
  user: (c) => c.user ?? null,
  vae_filename: (c) => vaeFileStem(c.vaeFilename ?? null),
  none: () => "",
  image_hash: (c, [n]) => {
    if (!c.imagePixels) throw new Error("no pixels for [image_hash]");
    return hashPrefix(c.imagePixels, intArg(n, null));
  },
};

/** A1111's get_vae_filename: the file name before its first dot (after a leading one). */
function vaeFileStem(file: string | null): string {
  if (file === null) return "NoneType";
  const parts = (file.split(/[\\/]/).at(-1) ?? "").split(".");
  return parts.length > 1 && parts[0] === "" ? parts[1] : parts[0];
}

const PATTERN = /(.*?)(?:\[([^[\]]+)\]|$)/g;
const PATTERN_ARG = /^(.*)<([^>]*)>$/s;

/** A1111's FilenameGenerator.apply. */
export function applyFilenamePattern(pattern: string, context: FilenameContext): string {
  let out = "";
  for (const match of pattern.matchAll(PATTERN)) {
    const text = match[1];
    let tag = match[2];
    if (tag === undefined) {
      out += text;
      continue;
    }
    const args: string[] = [];
    for (let m = PATTERN_ARG.exec(tag); m; m = PATTERN_ARG.exec(tag)) {
      tag = m[1];
      args.unshift(m[2]);
    }
    const fn = TAGS[tag.toLowerCase()];
    let replacement: Replacement = null;
    if (fn) {
      try {
        replacement = fn(context, args);
      } catch {
        replacement = null; // A1111 reports the error and keeps the tag as written.
      }
    }
    if (replacement === SKIP) continue;
    out += replacement === null ? `${text}[${tag}]` : `${text}${replacement}`;
  }
  return out;
}
