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

describe("OpenAPI bodies of img2img and extras", () => {
  const doc = openApiDocument();
  const props = (path: string) =>
    (doc.paths[path].post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, { default?: unknown }>; required?: string[] } } } } })
      .requestBody.content["application/json"].schema;

  it("documents img2img with the API's inpaint defaults (docs/a1111/quirks.md#q4)", () => {
    const p = props("/sdapi/v1/img2img").properties;
    expect([p.inpainting_fill.default, p.inpaint_full_res.default, p.inpaint_full_res_padding.default, p.mask_blur_x.default, p.include_init_images.default]).toEqual([0, true, 0, 4, false]);
  });

  it("documents extras with upscaling_resize 2 and imageList required for batches", () => {
    expect(props("/sdapi/v1/extra-single-image").properties.upscaling_resize.default).toBe(2);
    expect(props("/sdapi/v1/extra-batch-images").required).toContain("imageList");
  });
});
