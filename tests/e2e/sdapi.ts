// Requests the HTTP tests share against the test server's A1111 API (/sdapi/v1): JSON in and out, a request
// that must answer 200 (with the start of the body in the failure message, the server's reason), a generation,
// and the pixels and size of an answer's base64 PNG. A route may also be a whole URL: a server a test starts
// of its own (tests/setup/extra-server.ts).
import sharp from "sharp";
import { expect, inject } from "vitest";

const baseUrl = inject("baseUrl");

/** A route of the test server (`/sdapi/v1/…`), or a whole URL, which stays as it is. */
const urlOf = (route: string) => new URL(route, baseUrl);

/**
 * POSTs `body` as JSON to a route of the test server (`/sdapi/v1/…`). A string goes as it is — an empty, malformed
 * or ready-made body is what some tests send on purpose; `headers` add to the JSON content type (an Origin, say).
 */
export const postJson = (route: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(urlOf(route), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** GETs a route's JSON answer; `headers` for a server that wants credentials. */
export const getJson = async <T = unknown>(route: string, headers: Record<string, string> = {}): Promise<T> =>
  (await fetch(urlOf(route), { headers })).json() as Promise<T>;

/** A POST that must answer 200; its JSON answer. */
export async function postOk<T>(route: string, body: unknown): Promise<T> {
  const res = await postJson(route, body);
  expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200);
  return (await res.json()) as T;
}

/** A generation's answer with A1111's `info` string parsed; `parameters` is the request as the server echoes it. */
export interface Generation {
  images: string[];
  parameters: Record<string, unknown>;
  info: Record<string, unknown> & { infotexts: string[]; warnings?: string[] };
}

/** A txt2img or img2img request that must succeed (A1111 clients may write the route with a trailing slash). */
export async function generate(kind: "txt2img" | "img2img" | "img2img/", body: Record<string, unknown>): Promise<Generation> {
  const answer = await postOk<{ images: string[]; parameters: Record<string, unknown>; info: string }>(`/sdapi/v1/${kind}`, body);
  return { images: answer.images, parameters: answer.parameters, info: JSON.parse(answer.info) as Generation["info"] };
}

/** The RGB pixels of a base64 PNG: what to compare when the infotext chunk differs with the prompt. */
export const pngPixels = (b64: string): Promise<Buffer> => sharp(Buffer.from(b64, "base64")).removeAlpha().raw().toBuffer();

/** The width and height of a base64 PNG. */
export async function pngSize(b64: string): Promise<[number, number]> {
  const { width, height } = await sharp(Buffer.from(b64, "base64")).metadata();
  return [width!, height!];
}
