// The extension SDK in the built server (`next start`): the SDK probe (tests/e2e/extensions/sdk-probe, a `.ts`
// entry) imports helpers by value from "@onyx/sdk" and gets the server's own instance; its hooks reach state
// only through ctx.services — the prompt encoder on the loaded model, the settings in force (changed here
// through the API while the server runs), saving with a history row; its routes are mounted under its prefix;
// the API lists its always-on script and describes its arguments.
import { afterAll, describe, expect, inject, it } from "vitest";
import { readPngText } from "@/lib/images/png-text";
import { SDK_VERSION } from "@/lib/sdk/version";
import { generate, getJson, postJson } from "./sdapi";

const baseUrl = inject("baseUrl");

const setEnsd = async (value: number) => expect((await postJson("/sdapi/v1/options", { eta_noise_seed_delta: value })).status).toBe(200);

afterAll(async () => {
  await setEnsd(0);
});

describe("an SDK extension under next start", () => {
  it("mounts its routes under its prefix, with the server's own SDK functions", async () => {
    const info = await fetch(`${baseUrl}/sdk-probe/v1/info`);
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({ sdk: SDK_VERSION, prefix: "/sdk-probe", ensd: 0, sameSdk: true, dilated: 9 });
    const echo = await postJson("/sdk-probe/v1/echo", { hello: ["world"] });
    expect(await echo.json()).toEqual({ got: { hello: ["world"] } });
    const missing = await fetch(`${baseUrl}/sdk-probe/v1/nothing-here`);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
    const failing = await fetch(`${baseUrl}/sdk-probe/v1/fail`);
    expect([failing.status, (await failing.json()).errors]).toEqual([500, "probe failed on purpose"]);
  });

  it("runs its hooks in a job: helpers by value, prompt encoding, live settings, an extra saved image", async () => {
    await setEnsd(31337);
    expect((await getJson<{ ensd: number }>("/sdk-probe/v1/info")).ensd).toBe(31337);
    const reference = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC", "base64");
    const { info } = await generate("txt2img", {
      prompt: "a harbour",
      steps: 2,
      width: 64,
      height: 64,
      seed: 77,
      alwayson_scripts: {
        "SDK probe": {
          args: {
            enabled: true,
            save_extra: true,
            reference: reference.toString("base64"),
            regions: [{ x: 0.1, y: 0.2, w: 0.3, h: 0.4, prompt: "a boat", blend: "Foreground" }],
            units: [{ model: "face" }, {}, { model: "None", strength: 0.9 }],
          },
        },
      },
    });
    const expected = `{'sdk': '${SDK_VERSION}', 'dilated': 9, 'tokens': 77, 'model': 'onyx-tiny', 'ensd': 31337, 'reference': ${reference.length}, 'regions': [[0.1, 0.2, 0.3, 0.4, 'Foreground']], 'units': ['face', 'None', 'None']}`;
    expect((info.extra_generation_params as Record<string, string>)["SDK probe"]).toBe(expected);
    expect(info.infotexts[0]).toContain(`SDK probe: ${JSON.stringify(expected)}`);
    // The extra copy: saved with its infotext under the job's folder, the suffix after the seed.
    expect(info.sdk_probe_saved).toMatch(/^txt2img-images\/\d{4}-\d{2}-\d{2}\/\d{5}-77-probe\.png$/);
    const saved = await fetch(`${baseUrl}/files/${info.sdk_probe_saved}`);
    expect(saved.status).toBe(200);
    expect(readPngText(Buffer.from(await saved.arrayBuffer())).parameters).toContain("Seed: 77");
    const history = await getJson<{ items: Array<{ path: string }> }>("/api/history?q=harbour");
    expect(history.items.map((i) => i.path)).toContain(info.sdk_probe_saved);
  });

  it("is listed in /sdapi/v1/scripts by its lower-cased title, with its arguments in /script-info", async () => {
    const list = await getJson<Record<string, string[]>>("/sdapi/v1/scripts");
    for (const tab of ["txt2img", "img2img"]) expect(list[tab]).toEqual(expect.arrayContaining(["x/y/z plot", "hello", "sdk probe"]));
    const info = await getJson<Array<{ name: string; is_alwayson: boolean; is_img2img: boolean; args: Array<Record<string, unknown>> }>>("/sdapi/v1/script-info");
    const probe = info.find((s) => s.name === "sdk probe" && !s.is_img2img)!;
    expect(probe.is_alwayson).toBe(true);
    expect(probe.args.map((a) => a.label)).toEqual(["enabled", "Extra prompt", "Save an extra copy", "Mode", "Detail", "Reference image", "Regions", "Units 1", "Units 2"]);
    expect(probe.args[4]).toEqual({ label: "Detail", type: "int", value: 3, minimum: 1, maximum: 9, step: null, choices: null });
    expect(probe.args[3]).toMatchObject({ type: "choice", choices: ["plain", "detailed"] });
  });

  it("refuses bad arguments with the parameter named (422)", async () => {
    const res = await postJson("/sdapi/v1/txt2img", { prompt: "x", steps: 1, width: 64, height: 64, alwayson_scripts: { "sdk probe": { args: { regions: [{ x: 2 }] } } } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('\\"regions[0].x\\" must be a number from 0 to 1, got 2');
  });
});
