// The `Version` field of a pasted infotext (docs/a1111/infotext.md): A1111 compares it with the versions
// whose behaviour changed and switches the matching backwards-compatibility options on.

// PEP 440 ordering, enough for A1111 version strings (`v1.10.1`, `v1.7.0-225`, `1.6.0-RC`).
export interface ParsedVersion {
  release: number[];
  pre: [number, number] | null;
  post: number | null;
  dev: number | null;
}

const versionPattern =
  /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?$/i;
const prePhase: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/** A1111 `parse_version`: cut to the first two dash-separated parts, then PEP 440; null if invalid. */
export function parseInfotextVersion(text: string | undefined): ParsedVersion | null {
  if (text === undefined) return null;
  const cut = /^([^-]+-[^-]+)-/.exec(text);
  const m = versionPattern.exec((cut ? cut[1] : text).trim());
  if (!m) return null;
  const release = m[1].split(".").map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const post = m[4] !== undefined ? Number(m[4]) : m[5] !== undefined ? Number(m[5] || 0) : null;
  return {
    release,
    pre: m[2] ? [prePhase[m[2].toLowerCase()], Number(m[3] || 0)] : null,
    post,
    dev: m[6] !== undefined ? Number(m[6] || 0) : null,
  };
}

function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d;
  }
  // dev-only release < pre-releases < the release < post-releases; dev sorts before its base.
  const preKey = (v: ParsedVersion): number[] =>
    v.pre ? v.pre : v.dev !== null && v.post === null ? [-Infinity] : [Infinity];
  const keys = (v: ParsedVersion): number[] => [...preKey(v), v.post ?? -Infinity, v.dev ?? Infinity];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    if (ka[i] !== kb[i]) return (ka[i] ?? -Infinity) < (kb[i] ?? -Infinity) ? -1 : 1;
  }
  return 0;
}

const v160 = parseInfotextVersion("1.6.0")!;
const v170tsnr = parseInfotextVersion("v1.7.0-225")!;
const v180 = parseInfotextVersion("1.8.0")!;
const v180hrStyles = parseInfotextVersion("1.8.0-139")!;

/** Whether hires prompts were written with their own styles (after v1.8.0-139; also when the version is unknown). */
export function hiresPromptsHaveStyles(version: ParsedVersion | null): boolean {
  return version ? compareVersions(version, v180hrStyles) > 0 : true;
}

/** A1111 `infotext_versions.backcompat`: options older versions behaved as, switched on. */
export function applyVersionCompatibility(res: Record<string, string>): void {
  const version = parseInfotextVersion(res["Version"]);
  if (!version) return;
  const older = (than: ParsedVersion) => compareVersions(version, than) < 0;
  if (older(v160) && res["Prompt"].includes("[")) res["Old prompt editing timelines"] = "True";
  if (older(v160) && (res["Sampler"] === "DDIM" || res["Sampler"] === "PLMS")) res["Pad conds v0"] = "True";
  if (older(v170tsnr)) res["Downcast alphas_cumprod"] = "True";
  if (older(v180) && res["Refiner"]) res["Refiner switch by sampling steps"] = "True";
}
