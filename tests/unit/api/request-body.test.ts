import { describe, expect, it } from "vitest";
import { ApiError, RequestValidationError } from "@/lib/api/errors";
import { decodeJsonBody, readBodyText } from "@/lib/api/request-body";

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://x/sdapi/v1/txt2img", { method: "POST", body, headers });

/** A body streamed in chunks, without a Content-Length header. */
function streamed(chunks: number, chunkBytes: number) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
      else controller.close();
    },
  });
  return new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit & { duplex: "half" });
}

describe("readBodyText", () => {
  it("reads a body within the limit", async () => {
    expect(await readBodyText(post('{"a":1}'), 100)).toBe('{"a":1}');
  });

  it("refuses a declared Content-Length above the limit with 413 before reading", async () => {
    const e = await readBodyText(post("x", { "content-length": String(51 * 1024 * 1024) })).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(413);
  });

  it("stops a streamed body as soon as it passes the limit", async () => {
    const e = await readBodyText(streamed(10, 1000), 4500).catch((x) => x);
    expect(e).toMatchObject({ status: 413 });
    expect(await readBodyText(streamed(4, 1000), 4500)).toHaveLength(4000);
  });
});

describe("decodeJsonBody", () => {
  const issues = (text: string) => {
    try {
      decodeJsonBody(text);
    } catch (e) {
      if (e instanceof RequestValidationError) return e.issues;
    }
    throw new Error("expected a validation error");
  };

  it("parses JSON", () => {
    expect(decodeJsonBody('{"steps": 3}')).toEqual({ steps: 3 });
  });

  it("answers FastAPI's 'field required' for a missing body", () => {
    expect(issues("  ")).toEqual([{ loc: ["body"], msg: "field required", type: "value_error.missing" }]);
  });

  it("answers value_error.jsondecode with the position for malformed JSON", () => {
    const [issue] = issues('{"steps": 3,,}');
    expect(issue.type).toBe("value_error.jsondecode");
    expect(issue.loc).toEqual(["body", 12]);
    expect(issue.msg).toMatch(/^JSON decode error: /);
  });
});
