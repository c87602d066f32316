import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { API_ROUTES } from "@/lib/api/routes";

describe("OpenAPI document", () => {
  const doc = openApiDocument();

  it("describes every route Onyx serves", () => {
    for (const r of API_ROUTES) expect(doc.paths[r.path]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
  });

  it("generates the txt2img body from the validating schema, with the API defaults", () => {
    const post = doc.paths["/sdapi/v1/txt2img"].post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, { default?: unknown }> } } } } };
    const props = post.requestBody.content["application/json"].schema.properties;
    expect(props.steps.default).toBe(50);
    expect(props.sampler_index.default).toBe("Euler");
    expect(props.save_images.default).toBe(false);
    expect(props.send_images.default).toBe(true);
  });
});
