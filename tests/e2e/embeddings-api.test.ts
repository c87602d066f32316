// Textual inversion through the HTTP API on the real server (docs/textual-inversion.md): /sdapi/v1/embeddings lists
// the fixture embedding as loaded and the SDXL pair as skipped; a prompt naming an embedding writes `TI hashes` and
// gives another image than the same word when no embedding has that name.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { onyxPaths } from "@/lib/config";
import { FIXTURE_EMBEDDING, FIXTURE_EMBEDDING_VECTORS, FIXTURE_SDXL_EMBEDDING } from "@/lib/networks/embedding-fixtures";
import { generate, getJson, pngPixels, postJson } from "./sdapi";

async function txt2img(body: Record<string, unknown>) {
  const { images, info } = await generate("txt2img", { steps: 3, width: 64, height: 64, seed: 33, save_images: false, ...body });
  return { image: images[0], infotext: info.infotexts[0] };
}

// The server and this test resolve the embeddings folder alike (the server runs in the repository, as the tests do).
const embeddingsDir = onyxPaths().embeddings;
const fixtureFile = path.join(embeddingsDir, `${FIXTURE_EMBEDDING}.safetensors`);
/** A copy of the fixture under another name, removed again to get the plain word. */
const COPY = "tower-glint";
const copyFile = path.join(embeddingsDir, `${COPY}.safetensors`);
const sha12 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 12);

afterAll(() => fs.rmSync(copyFile, { force: true }));

describe("textual inversion over HTTP", () => {
  it("lists the fixture embedding as loaded and the SDXL pair as skipped", async () => {
    const { loaded, skipped } = (await getJson("/sdapi/v1/embeddings")) as Record<string, Record<string, Record<string, unknown>>>;
    expect(loaded[FIXTURE_EMBEDDING]).toEqual({ step: null, sd_checkpoint: null, sd_checkpoint_name: null, shape: 64, vectors: FIXTURE_EMBEDDING_VECTORS });
    expect(skipped[FIXTURE_SDXL_EMBEDDING]).toMatchObject({ shape: 1280 + 768, vectors: FIXTURE_EMBEDDING_VECTORS, reason: "vector width 2048, the model's is 64" });
    expect(await (await postJson("/sdapi/v1/refresh-embeddings", {})).json()).toBeNull();
  });

  it("a prompt naming an embedding writes TI hashes and changes the image against the plain word", async () => {
    fs.copyFileSync(fixtureFile, copyFile);
    const embedded = await txt2img({ prompt: `a ${COPY} tower` });
    const inNegative = await txt2img({ prompt: "a tower", negative_prompt: COPY });
    fs.rmSync(copyFile);
    const plain = await txt2img({ prompt: `a ${COPY} tower` });
    expect(embedded.infotext).toContain(`TI hashes: "${COPY}: ${sha12(fixtureFile)}"`);
    expect(inNegative.infotext).toContain(`TI hashes: "${COPY}: ${sha12(fixtureFile)}"`);
    expect(plain.infotext).not.toContain("TI hashes");
    expect((await pngPixels(embedded.image)).equals(await pngPixels(plain.image))).toBe(false);
  });
});
