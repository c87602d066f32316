// Reading a JSON request body the way FastAPI answers for A1111: too large → 413 before anything is
// parsed, missing → 422 "field required", nested deeper than MAX_NESTING → 422 "value_error.nesting"
// (before parsing, so nothing is queued), undecodable JSON → 422 "value_error.jsondecode", a
// non-object → 422 "value is not a valid dict", field errors → 422 with `loc: ["body", field]`.
import type { z } from "zod";
import { ApiError, RequestValidationError, validationIssues } from "@/lib/api/errors";
import { jsonTextDepth, MAX_NESTING } from "@/lib/security/nesting";

/** Generation requests carry base64 images (img2img, png-info); 50 MB is generous for those and stops floods. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

const tooLarge = (limit: number) => new ApiError(413, `request body too large; the limit is ${limit} bytes`);

/** The raw body bytes, refused with 413 as soon as they exceed `limit` (by header or while streaming). */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/** The raw body text, refused with 413 as soon as it exceeds `limit`. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(request, limit)).toString("utf8");
}

/** JSON.parse with FastAPI's 422 for a missing, too deeply nested or undecodable body. */
export function decodeJsonBody(text: string): unknown {
  if (text.trim() === "") throw new RequestValidationError([{ loc: ["body"], msg: "field required", type: "value_error.missing" }]);
  if (jsonTextDepth(text, MAX_NESTING) > MAX_NESTING) {
    throw new RequestValidationError([{ loc: ["body"], msg: `JSON nested deeper than ${MAX_NESTING} levels`, type: "value_error.nesting" }]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    const loc = ["body", position ? Number(position[1]) : 0];
    throw new RequestValidationError([{ loc, msg: `JSON decode error: ${message}`, type: "value_error.jsondecode" }]);
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Validates a decoded body against a request model; returns the parsed model and the keys the client sent. */
export function parseRequestModel<S extends z.ZodType>(schema: S, body: unknown): { data: z.infer<S>; sentKeys: Set<string> } {
  if (!isPlainObject(body)) {
    throw new RequestValidationError([{ loc: ["body"], msg: "value is not a valid dict", type: "type_error.dict" }]);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new RequestValidationError(validationIssues(parsed.error, ["body"]));
  return { data: parsed.data, sentKeys: new Set(Object.keys(body)) };
}

/** Body text → validated model, every failure as the API error it answers with. */
export async function readRequestModel<S extends z.ZodType>(request: Request, schema: S) {
  return parseRequestModel(schema, decodeJsonBody(await readBodyText(request)));
}
