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
