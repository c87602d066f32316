"use client";
// An image picked, dropped, pasted or sent from a gallery, held in the browser as the data URL the
// server action receives plus the pixel size the form needs (img2img's "Resize to" defaults to it).

export interface ImageSource {
  dataUrl: string;
  width: number;
  height: number;
  /** The file name, when it came from a file (extras batch keeps it). */
  name?: string;
}

function asDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsDataURL(blob);
  });
}

export async function readImageBlob(blob: Blob, name?: string): Promise<ImageSource> {
  const bitmap = await createImageBitmap(blob).catch(() => {
    throw new Error(`${name ?? "the file"} is not an image this browser can read`);
  });
  const { width, height } = bitmap;
  bitmap.close();
  return { dataUrl: await asDataUrl(blob), width, height, name };
}

/** A gallery image by its URL (/files/…, or a data URL for unsaved results). */
export async function fetchImageSource(url: string): Promise<ImageSource> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const name = url.startsWith("data:") ? undefined : decodeURIComponent(url.split("/").pop() ?? "");
  return readImageBlob(await response.blob(), name || undefined);
}
