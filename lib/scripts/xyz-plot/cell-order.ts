// Which cell runs when (docs/a1111/xyz-plot.md#running-the-cells). Cells are stored at ix + iy·nx + iz·nx·ny, but run
// with the costliest axis outermost so a checkpoint (or VAE) switch happens once per value rather
// than once per cell. Ties keep A1111's default: Z outermost, then Y, X innermost.

export type AxisName = "x" | "y" | "z";

export interface Cell {
  ix: number;
  iy: number;
  iz: number;
}

/** The loops from outermost to innermost, exactly as A1111 picks them (strictly greatest cost wins). */
export function loopOrder(cost: Record<AxisName, number>): [AxisName, AxisName, AxisName] {
  const { x, y, z } = cost;
  if (x > y && x > z) return y > z ? ["x", "y", "z"] : ["x", "z", "y"];
  if (y > x && y > z) return x > z ? ["y", "x", "z"] : ["y", "z", "x"];
  if (z > x && z > y) return x > y ? ["z", "x", "y"] : ["z", "y", "x"];
  // No single costliest axis: Z outermost, then whichever of X/Y costs more (Y on a tie).
  return x > y ? ["z", "x", "y"] : ["z", "y", "x"];
}

export function cellIndex({ ix, iy, iz }: Cell, nx: number, ny: number): number {
  return ix + iy * nx + iz * nx * ny;
}

/** Every cell in run order. */
export function cellRunOrder(counts: Record<AxisName, number>, cost: Record<AxisName, number>): Cell[] {
  const [outer, middle, inner] = loopOrder(cost);
  const cells: Cell[] = [];
  const at: Record<AxisName, number> = { x: 0, y: 0, z: 0 };
  for (at[outer] = 0; at[outer] < counts[outer]; at[outer]++)
    for (at[middle] = 0; at[middle] < counts[middle]; at[middle]++)
      for (at[inner] = 0; at[inner] < counts[inner]; at[inner]++) cells.push({ ix: at.x, iy: at.y, iz: at.z });
  return cells;
}
