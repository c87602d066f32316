// GET /files/<path under outputs> — saved images, and nothing else (see resolveOutputFile).
import fs from "node:fs";
import { onyxPaths } from "@/lib/config";
import { resolveOutputFile } from "@/lib/history/output-files";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ path: string[] }> }) {
  const { path: segments } = await context.params;
  const found = resolveOutputFile(onyxPaths().outputs, segments);
  if (!found) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(await fs.promises.readFile(found.file)), {
    headers: { "Content-Type": found.contentType, "Content-Length": String(found.size), "Cache-Control": "no-cache" },
  });
}
