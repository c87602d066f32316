// Validating what an API request maps to with the pipeline's own parameter schemas, reporting each
// problem at the request field the client sent (pipeline `cfgScale` → request `cfg_scale`), so a
// range error reads as FastAPI's 422 on the body field.
import type { z } from "zod";
import { RequestValidationError, validationIssues } from "@/lib/api/errors";

/** The A1111 spelling of a pipeline field: camelCase → snake_case (`seedResizeFromW` → `seed_resize_from_w`). */
export const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `input` parsed by `schema`, or a 422 whose locations are request fields; `renames` for names snake_case misses. */
export function parseApiParams<S extends z.ZodType>(schema: S, input: z.input<S>, renames: Record<string, string> = {}): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new RequestValidationError(validationIssues(parsed.error, ["body"], (key) => renames[key] ?? snakeCase(key)));
  return parsed.data;
}

/** A 422 on one request field, in FastAPI's shape. */
export function fieldError(field: string, msg: string): RequestValidationError {
  return new RequestValidationError([{ loc: ["body", field], msg, type: "value_error" }]);
}
