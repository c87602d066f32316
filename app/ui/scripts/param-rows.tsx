"use client";
// Lays out a parameter list (param-blocks.ts) with the fields a caller renders, leaving out parameters
// whose `visibleWhen` condition does not hold (and a group whose parameters are all hidden).
import type { ReactNode } from "react";
import type { ParamSpec } from "@/lib/scripts/script";
import { paramBlocks } from "@/app/ui/scripts/param-blocks";
import { ParamGroup } from "@/app/ui/scripts/param-group";
import { isParamVisible } from "@/app/ui/scripts/scripts-form";

interface ParamRowsProps<P extends ParamSpec> {
  params: readonly P[];
  values: Record<string, unknown>;
  field: (param: P) => ReactNode;
}

export function ParamRows<P extends ParamSpec>({ params, values, field }: ParamRowsProps<P>) {
  const shown = params.filter((p) => isParamVisible(p, values));
  return (
    <div className="flex flex-col gap-3">
      {paramBlocks(shown).map((block) => {
        const fields = block.params.map((param) => (
          <div key={param.name} className={param.type === "bool" ? "" : "min-w-[10rem] flex-1"}>
            {field(param)}
          </div>
        ));
        const key = block.params[0].name;
        return block.title === undefined ? (
          <div key={key} className="flex flex-wrap items-end gap-3">
            {fields}
          </div>
        ) : (
          <ParamGroup key={key} title={block.title} row>
            {fields}
          </ParamGroup>
        );
      })}
    </div>
  );
}
