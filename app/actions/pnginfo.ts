"use server";
// The PNG Info tab's upload: an image file in, its infotext (the `parameters` text), the infotext
// fields as written in it and its other text entries out (docs/a1111/infotext.md#where-it-is-stored).
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { pngInfo } from "@/lib/api/png-info";
import { writtenInfotextFields } from "@/lib/infotext/parser";

export type ImageInfoResult =
  | {
      /** The raw `parameters` text; "" when the image has none. */
      infotext: string;
      /** The fields the infotext holds (writtenInfotextFields), no paste defaults; {} when there is no infotext. */
      fields: Record<string, string>;
      /** The other text entries of the image. */
      items: Record<string, string>;
    }
  | { error: string };

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const upload = z.instanceof(File, { message: "no file was sent" }).refine((file) => file.size <= MAX_UPLOAD_BYTES, "the file is larger than 50 MB");

export async function readImageInfo(form: FormData): Promise<ImageInfoResult> {
  const file = upload.safeParse(form.get("image"));
  if (!file.success) return { error: file.error.issues[0]?.message ?? "invalid upload" };
  const bytes = Buffer.from(await file.data.arrayBuffer());
  try {
    const { info, items } = await pngInfo(bytes.toString("base64"));
    return { infotext: info, fields: info ? writtenInfotextFields(info) : {}, items };
  } catch (e) {
    if (e instanceof ApiError) return { error: e.status === 422 ? `${file.data.name}: ${e.detail}` : `${file.data.name} is not a readable image` };
    throw e;
  }
}
