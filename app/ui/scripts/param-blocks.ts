// How a script's parameter list is laid out: consecutive parameters of the same `group` share one
// titled row (A1111 scripts wrap such controls in a gr.Row / accordion), consecutive ungrouped
// checkboxes share an untitled row, and every other parameter stands on its own line.
import type { ParamSpec } from "@/lib/scripts/script";

export interface ParamBlock<P extends ParamSpec = ParamSpec> {
  /** The group's title; undefined for ungrouped rows. */
  title?: string;
  params: P[];
}

export function paramBlocks<P extends ParamSpec>(params: readonly P[]): Array<ParamBlock<P>> {
  const blocks: Array<ParamBlock<P>> = [];
  for (const param of params) {
    const last = blocks.at(-1);
    const previous = last?.params.at(-1);
    const joinsGroup = param.group !== undefined && last?.title === param.group;
    const joinsCheckboxes = param.group === undefined && last?.title === undefined && previous?.type === "bool" && param.type === "bool";
    if (last && (joinsGroup || joinsCheckboxes)) last.params.push(param);
    else blocks.push({ ...(param.group === undefined ? {} : { title: param.group }), params: [param] });
  }
  return blocks;
}
