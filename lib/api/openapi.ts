// GET /openapi.json: an OpenAPI 3.1 description of /sdapi/v1, with request bodies generated from the
// same zod schemas the routes validate with (so the document cannot drift from the code).
import { z } from "zod";
import { extrasBatchImagesRequestSchema, extrasSingleImageRequestSchema } from "@/lib/api/extras-request";
import { img2imgRequestSchema } from "@/lib/api/img2img-request";
import { pngInfoRequestSchema } from "@/lib/api/png-info";
import { API_ROUTES } from "@/lib/api/routes";
import { txt2imgRequestSchema } from "@/lib/api/txt2img-request";
import { ONYX_VERSION } from "@/lib/version";

const REQUEST_BODIES: Record<string, z.ZodType> = {
  "POST /sdapi/v1/txt2img": txt2imgRequestSchema,
  "POST /sdapi/v1/img2img": img2imgRequestSchema,
  "POST /sdapi/v1/extra-single-image": extrasSingleImageRequestSchema,
  "POST /sdapi/v1/extra-batch-images": extrasBatchImagesRequestSchema,
  "POST /sdapi/v1/png-info": pngInfoRequestSchema,
  "POST /sdapi/v1/options": z.record(z.string(), z.unknown()),
};

/** Request fields coerce their input, so zod leaves their defaults out of the input schema: put them back. */
function withDefault(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: Record<string, unknown> }): void {
  const def = ctx.zodSchema._zod.def;
  if (def.type === "default") ctx.jsonSchema.default = def.defaultValue;
}

const jsonContent = (schema: object) => ({ "application/json": { schema } });

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const body = REQUEST_BODIES[`${route.method} ${route.path}`];
    const { $schema: _dialect, ...schema } = body ? z.toJSONSchema(body, { io: "input", unrepresentable: "any", override: withDefault }) : {};
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      ...(body ? { requestBody: { required: true, content: jsonContent(schema) } } : {}),
      responses: {
        "200": { description: "Successful Response", content: jsonContent({}) },
        ...(body ? { "422": { description: "Validation Error", content: jsonContent({ $ref: "#/components/schemas/HTTPValidationError" }) } } : {}),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Onyx — A1111-compatible API", version: ONYX_VERSION },
    paths,
    components: {
      schemas: {
        HTTPValidationError: {
          type: "object",
          properties: {
            detail: {
              type: "array",
              items: {
                type: "object",
                required: ["loc", "msg", "type"],
                properties: {
                  loc: { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } },
                  msg: { type: "string" },
                  type: { type: "string" },
                },
              },
            },
          },
        },
      },
      securitySchemes: { HTTPBasic: { type: "http", scheme: "basic" } },
    },
  };
}
