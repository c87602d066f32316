import { describe, expect, it } from "vitest";
import { bindScriptArgs, defaultScriptArgs } from "@/lib/scripts/bind-args";
import { defineScript } from "@/lib/scripts/script";

const detailer = defineScript({
  title: "Detailer",
  tabs: ["txt2img", "img2img"],
  kind: "alwaysOn",
  params: [
    { name: "enable", type: "bool", default: false },
    { name: "strength", type: "number", default: 0.4, min: 0, max: 1 },
    { name: "model", type: "choice", choices: ["face", "hand"], default: "face" },
    {
      name: "units",
      type: "repeat",
      defaultCount: 1,
      maxCount: 3,
      params: [
        { name: "prompt", type: "string", default: "" },
        { name: "padding", type: "int", default: 32, min: 0 },
      ],
    },
  ],
  hooks: {},
});

describe("bindScriptArgs", () => {
  it("binds by position in declaration order, repeated units last (ADetailer's layout)", () => {
    expect(bindScriptArgs(detailer, [true, 0.5, "hand", { prompt: "eyes" }, ["smile", 8]])).toEqual({
      enable: true,
      strength: 0.5,
      model: "hand",
      units: [
        { prompt: "eyes", padding: 32 },
        { prompt: "smile", padding: 8 },
      ],
    });
  });
  it("binds by name and fills defaults", () => {
    expect(bindScriptArgs(detailer, { strength: 1 })).toEqual({ enable: false, strength: 1, model: "face", units: [{ prompt: "", padding: 32 }] });
    expect(bindScriptArgs(detailer)).toEqual(bindScriptArgs(detailer, defaultScriptArgs(detailer)));
  });
  it.each([
    [[true, 2], 'Detailer: "strength" (argument 1) must be at most 1, got 2'],
    [[true, "lots"], 'Detailer: "strength" (argument 1) must be a number, got "lots"'],
    [[true, 0.1, "foot"], 'Detailer: "model" (argument 2) must be one of "face", "hand", got "foot"'],
    [[true, 0.1, "face", { padding: 1.5 }], 'Detailer: "units[0].padding" (argument 1) must be an integer, got 1.5'],
    [[true, 0.1, "face", {}, {}, {}, {}], 'Detailer: "units" (argument 3) takes at most 3 units, got 4'],
    [{ strenght: 1 }, 'Detailer: unknown argument "strenght"'],
  ])("rejects %j", (args, message) => {
    expect(() => bindScriptArgs(detailer, args)).toThrow(message);
  });
});

describe("binding as A1111 passes arguments", () => {
  it("gives bool parameters Python's truthiness: \"False\" is a non-empty string, hence true", () => {
    const enable = (v: unknown) => bindScriptArgs(detailer, [v]).enable;
    expect(["False", "false", "0", 1, "yes", [0], { a: 1 }].map(enable)).toEqual([true, true, true, true, true, true, true]);
    expect([false, 0, "", null, [], {}].map(enable)).toEqual([false, false, false, false, false, false]);
  });

  it("reads numbers and strings as pydantic does", () => {
    expect(bindScriptArgs(detailer, [true, "0.5", "hand", { prompt: 7, padding: "16" }])).toMatchObject({ strength: 0.5, units: [{ prompt: "7", padding: 16 }] });
  });
});

describe("defineScript", () => {
  it("names scripts by lower-cased title and checks the declaration", () => {
    expect(detailer.id).toBe("detailer");
    expect(() => defineScript({ title: "P", tabs: ["txt2img"], kind: "selectable", params: [], hooks: {} })).toThrow("needs a run hook");
    expect(() => defineScript({ title: "Q", tabs: ["txt2img"], kind: "alwaysOn", params: [{ name: "c", type: "choice", choices: ["a"], default: "b" as "a" }], hooks: {} })).toThrow("not one of its choices");
  });
  it("types ctx.args from params", () => {
    const s = defineScript({
      title: "Typed",
      tabs: ["txt2img"],
      kind: "alwaysOn",
      params: [{ name: "n", type: "int", default: 1 }],
      hooks: { process: (ctx) => ctx.setInfotext("n", ctx.args.n + 1) },
    });
    expect(s.params[0].name).toBe("n");
  });
});

describe("regions, images and visibility conditions", () => {
  const regional = defineScript({
    title: "Regional",
    tabs: ["txt2img"],
    kind: "alwaysOn",
    params: [
      { name: "mode", type: "choice", choices: ["a", "b"], default: "a" },
      { name: "only_b", type: "int", default: 1, visibleWhen: { param: "mode", is: "b" } },
      { name: "reference", type: "image", default: null },
      { name: "regions", type: "regions", maxCount: 2, params: [{ name: "prompt", type: "string", default: "" }] },
      { name: "tabs", type: "repeat", defaultCount: 1, params: [{ name: "on", type: "bool", default: true }] },
    ],
    hooks: {},
  });

  it("binds regions as one positional argument: boxes in 0…1 with their fields, missing coordinates from the default box", () => {
    const args = bindScriptArgs(regional, ["b", 3, null, [{ x: 0.1, y: 0.2, w: 0.3, h: 0.4, prompt: "sky" }, { prompt: "sea" }], { on: false }]);
    expect(args.regions).toEqual([
      { x: 0.1, y: 0.2, w: 0.3, h: 0.4, prompt: "sky" },
      { x: 0.4, y: 0.4, w: 0.2, h: 0.2, prompt: "sea" },
    ]);
    expect(args.tabs).toEqual([{ on: false }]);
    expect(bindScriptArgs(regional).regions).toEqual([]);
    expect(() => bindScriptArgs(regional, { regions: [{ x: 1.5 }] })).toThrow('Regional: "regions[0].x" must be a number from 0 to 1, got 1.5');
    expect(() => bindScriptArgs(regional, { regions: [{}, {}, {}] })).toThrow("takes at most 2 regions, got 3");
    expect(() => bindScriptArgs(regional, { regions: [{ colour: "red" }] })).toThrow('unknown argument "regions[0].colour"');
    expect(() => bindScriptArgs(regional, { regions: "sky" })).toThrow("must be a list of regions");
  });

  it("binds an image from base64 or a data URL to its bytes", () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    expect(bindScriptArgs(regional, { reference: bytes.toString("base64") }).reference).toEqual(bytes);
    expect(bindScriptArgs(regional, { reference: `data:image/png;base64,${bytes.toString("base64")}` }).reference).toEqual(bytes);
    expect(bindScriptArgs(regional, {}).reference).toBeNull();
    expect(() => bindScriptArgs(regional, { reference: "not base64!" })).toThrow('"reference" (argument 2) must be an image (base64 or data URL)');
  });

  it("checks declarations: a visibility condition names another scalar parameter; box coordinates are not field names", () => {
    const base = { title: "Bad", tabs: ["txt2img"] as const, kind: "alwaysOn" as const, hooks: {} };
    expect(() => defineScript({ ...base, params: [{ name: "x", type: "int", default: 1, visibleWhen: { param: "missing", is: 1 } }] })).toThrow(
      'Bad: "x" is shown depending on "missing", which is not another scalar parameter of the same list',
    );
    expect(() => defineScript({ ...base, params: [{ name: "r", type: "regions", params: [{ name: "w", type: "number", default: 1 }] }] })).toThrow(
      'Bad: r: "w" is a region\'s box coordinate, not a field name',
    );
    expect(() =>
      defineScript({ ...base, params: [{ name: "t", type: "repeat", defaultCount: 1, params: [{ name: "c", type: "choice", choices: ["a"], default: "b" as "a" }] }] }),
    ).toThrow('Bad: t: default of "c" is not one of its choices');
  });
});
