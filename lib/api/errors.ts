// The two error shapes A1111's API answers with (docs/a1111/api.md#endpoints-and-errors): FastAPI's request-validation
// 422 `{detail: [{loc, msg, type}]}`, and A1111's own handler for everything else,
// `{error: <exception class>, detail, body, errors: str(exception)}` with the exception's status.
import type { z } from "zod";
import { pydanticErrorType } from "@/lib/api/pydantic-fields";

/** An HTTP error with a status, like Starlette's HTTPException; `str()` of it is "<status>: <detail>". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status}: ${detail}`);
    this.name = "HTTPException";
  }
}

export interface ValidationIssue {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

/** A request-validation failure: answered as FastAPI's 422 `{detail: [...]}`. */
export class RequestValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; "));
    this.name = "RequestValidationError";
  }
}

/** zod issues as FastAPI locations under `prefix` ("body"); `rename` maps a path head to the request's field name. */
export function validationIssues(error: z.ZodError, prefix: Array<string | number>, rename: (key: string) => string = (k) => k): ValidationIssue[] {
  return error.issues.map((issue) => {
    const [head, ...rest] = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const path = head === undefined ? [] : [typeof head === "string" ? rename(head) : head, ...rest];
    return { loc: [...prefix, ...path], msg: issue.message, type: pydanticErrorType(issue) };
  });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof RequestValidationError) return Response.json({ detail: error.issues }, { status: 422 });
  if (error instanceof ApiError) {
    const body = { error: error.name, detail: error.detail, body: "", errors: error.message };
    return Response.json(body, { status: error.status, headers: error.headers });
  }
  // Unexpected failures: the class and message, never a stack trace (A1111 prints that to the console only).
  const e = error instanceof Error ? error : new Error(String(error));
  console.error(`API error: ${e.name}: ${e.message}`);
  return Response.json({ error: e.name, detail: "", body: "", errors: e.message }, { status: 500 });
}
