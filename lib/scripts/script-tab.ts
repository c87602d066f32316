// The generation tabs a script can show on (A1111 runs one script instance per tab).
export type ScriptTab = "txt2img" | "img2img";
export type ScriptKind = "alwaysOn" | "selectable";
