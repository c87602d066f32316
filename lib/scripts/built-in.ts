// The scripts that ship with Onyx itself; extensions add theirs through the extension registry.
import type { AnyScript } from "@/lib/scripts/script";
import { xyzPlotScript } from "@/lib/scripts/xyz-plot/script";

export const BUILT_IN_SCRIPTS: readonly AnyScript[] = [xyzPlotScript];
