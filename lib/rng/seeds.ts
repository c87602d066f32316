// Per-image seed lists of a job (docs/a1111/generation.md#batches-and-seeds). Seeds are fixed once per job: -1 (or anything that
// does not read as an integer) becomes one random seed, then image i gets seed + i — except with a variation
// strength > 0, where every image keeps the main seed and only the variation seed (subseed) counts up.
import { isPythonInt, pythonInt } from "@/lib/python/int";

/** A1111 draws random.randrange(4294967294): integers in [0, 4294967293]. */
export const RANDOM_SEED_COUNT = 4294967294;

/** Reads a seed from UI/API input like A1111's get_fixed_seed: empty, null or what Python's int() refuses mean -1 (random). */
export function parseSeed(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : -1;
  if (typeof value === "string" && isPythonInt(value)) return pythonInt(value);
  return -1;
}

/** The seed a job uses: the parsed value, or a fresh random seed when that is -1 (other negatives stay). */
export function fixedSeed(value: unknown, random: () => number = Math.random): number {
  const seed = parseSeed(value);
  return seed === -1 ? Math.floor(random() * RANDOM_SEED_COUNT) : seed;
}

export interface JobSeedRequest {
  seed: unknown;
  subseed: unknown;
  subseedStrength: number;
  /** Images in the job: n_iter × batch_size. */
  count: number;
}

export interface JobSeeds {
  seeds: number[];
  subseeds: number[];
}

export function jobSeeds(request: JobSeedRequest, random: () => number = Math.random): JobSeeds {
  const seed = fixedSeed(request.seed, random);
  const subseed = fixedSeed(request.subseed, random);
  const seedStep = request.subseedStrength === 0 ? 1 : 0;
  return {
    seeds: Array.from({ length: request.count }, (_, i) => seed + i * seedStep),
    subseeds: Array.from({ length: request.count }, (_, i) => subseed + i),
  };
}
