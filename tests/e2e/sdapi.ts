// Requests the HTTP tests share against the test server's A1111 API (/sdapi/v1): JSON in and out, a generation
// that must answer 200 (with the start of the body in the failure message, the server's reason), and the pixels
// of an answer's base64 PNG.
import sharp from "sharp";
import { expect, inject } from "vitest";

const baseUrl = inject("baseUrl");

/** POSTs `body` as JSON to a route of the test server (`/sdapi/v1/…`). */
export const postJson = (route: string, body: unknown): Promise<Response> =>
  fetch(`${baseUrl}${route}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

export const getJson = async (route: string): Promise<unknown> => (await fetch(`${baseUrl}${route}`)).json();

/** A generation's answer with A1111's `info` string parsed. */
export interface Generation {
  images: string[];
  info: Record<string, unknown> & { infotexts: string[]; warnings?: string[] };
}

/** A txt2img or img2img request that must succeed. */
export async function generate(kind: "txt2img" | "img2img", body: Record<string, unknown>): Promise<Generation> {
  const res = await postJson(`/sdapi/v1/${kind}`, body);
  expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200);
  const answer = (await res.json()) as { images: string[]; info: string };
  return { images: answer.images, info: JSON.parse(answer.info) as Generation["info"] };
}

/** The RGB pixels of a base64 PNG: what to compare when the infotext chunk differs with the prompt. */
export const pngPixels = (b64: string): Promise<Buffer> => sharp(Buffer.from(b64, "base64")).removeAlpha().raw().toBuffer();
