// Seeds across the plot (docs/a1111/xyz-plot.md#seeds): unless "Keep -1 for seeds", every cell shares
// one concrete base seed, and -1 on a Seed / Var. seed axis becomes a random seed chosen once, so
// the grid can be reproduced from the infotext's "Fixed X Values". "Vary seeds" offsets each cell's
// seed by its position along the chosen axes.
import { RANDOM_SEED_COUNT } from "@/lib/rng/seeds";
import type { AxisValue } from "@/lib/scripts/xyz-plot/axes";

const SEED_AXES = new Set(["Seed", "Var. seed"]);

export function isSeedAxis(label: string): boolean {
  return SEED_AXES.has(label);
}

/** A1111's `random.randrange(4294967294)`, as for a job's seed -1. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * RANDOM_SEED_COUNT);
}

/** -1 (or empty) seed values replaced by random ones; other axes unchanged. */
export function fixAxisSeeds(label: string, values: readonly AxisValue[], random?: () => number): AxisValue[] {
  if (!isSeedAxis(label)) return [...values];
  return values.map((v) => (v === -1 || v === "" ? randomSeed(random) : v));
}

export interface VarySeeds {
  x: boolean;
  y: boolean;
  z: boolean;
}

/** The offset added to a cell's seed: ix, iy·nx, iz·nx·ny, where n counts only along varied axes. */
export function seedOffset(ix: number, iy: number, iz: number, lengths: { x: number; y: number }, vary: VarySeeds): number {
  const nx = vary.x ? lengths.x : 1;
  const ny = vary.y ? lengths.y : 1;
  return (vary.x ? ix : 0) + (vary.y ? iy * nx : 0) + (vary.z ? iz * nx * ny : 0);
}
