import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, errorResponse, RequestValidationError, validationIssues } from "@/lib/api/errors";

describe("A1111 error shapes", () => {
  it("answers validation failures as FastAPI's 422 {detail: [{loc, msg, type}]}", async () => {
    const r = errorResponse(new RequestValidationError([{ loc: ["body", "steps"], msg: "value is not a valid integer", type: "type_error.integer" }]));
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({ detail: [{ loc: ["body", "steps"], msg: "value is not a valid integer", type: "type_error.integer" }] });
  });

  it("answers HTTP exceptions with A1111's {error, detail, body, errors} and their status and headers", async () => {
    const r = errorResponse(new ApiError(401, "Not authenticated", { "WWW-Authenticate": "Basic" }));
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe("Basic");
    expect(await r.json()).toEqual({ error: "HTTPException", detail: "Not authenticated", body: "", errors: "401: Not authenticated" });
  });

  it("answers anything else with 500, the class name and message", async () => {
    const r = errorResponse(new TypeError("boom"));
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ error: "TypeError", detail: "", body: "", errors: "boom" });
  });

  it("locates zod issues under a prefix with renamed heads and pydantic range types", () => {
    const result = z.object({ cfgScale: z.number().max(30) }).safeParse({ cfgScale: 31 });
    if (result.success) throw new Error("expected failure");
    const [issue] = validationIssues(result.error, ["body"], (k) => (k === "cfgScale" ? "cfg_scale" : k));
    expect(issue.loc).toEqual(["body", "cfg_scale"]);
    expect(issue.type).toBe("value_error.number.not_le");
  });
});
