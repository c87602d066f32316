// The X/Y/Z plot (docs/a1111/xyz-plot.md): value parsing, the axis table, the cell order and seeds.
export { parseAxisValues, convertAxisItems, type AxisValueType } from "@/lib/scripts/xyz-plot/axis-values";
export { AXES, axesForTab, axisValues, pythonValueText, type AxisEnvironment, type AxisTarget, type AxisType, type AxisValue, type XyzAxis } from "@/lib/scripts/xyz-plot/axes";
export { cellIndex, cellRunOrder, loopOrder, type AxisName, type Cell } from "@/lib/scripts/xyz-plot/cell-order";
export { permutations, reorderPrompt, searchReplacePrompt } from "@/lib/scripts/xyz-plot/prompt-axes";
export { fixAxisSeeds, isSeedAxis, randomSeed, seedOffset, type VarySeeds } from "@/lib/scripts/xyz-plot/seeds";
