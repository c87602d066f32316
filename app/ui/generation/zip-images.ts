// The Zip button's archive (docs/ui.md#output-panel): every image of the job under its download name,
// each with its infotext beside it as `<name>.txt` (the PNG carries it too, a JPEG or WebP may not show it).
import { strToU8, zipSync, type Zippable } from "fflate";

export interface ZipImage {
  name: string;
  bytes: Uint8Array;
  infotext: string;
}

/** `name` made unique among `taken`: `a.png`, then `a-2.png`, `a-3.png` … */
function unique(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${stem}-${n}${extension}`;
  taken.add(candidate);
  return candidate;
}

export function zipImages(images: readonly ZipImage[]): Uint8Array {
  const files: Zippable = {};
  const taken = new Set<string>();
  for (const image of images) {
    const name = unique(image.name, taken);
    // Images are compressed already: stored, not deflated again.
    files[name] = [image.bytes, { level: 0 }];
    if (image.infotext !== "") files[`${name.replace(/\.[^.]*$/, "")}.txt`] = strToU8(image.infotext);
  }
  return zipSync(files);
}
