import type { ItemContent } from "../item.types.ts";
import type { PtceDomain } from "../outline.ts";

/**
 * A family of generated items. `generate` is pure: the same seed (an integer from 0 to 2^32 − 1)
 * always gives the same item, coded `${code}:${seed}`, with source "generator", kind "single",
 * four options a–d and the key's position drawn from the seed.
 */
export interface GeneratorFamily {
  code: string;
  name: string;
  domain: PtceDomain;
  /** Subtopic code from the outline, e.g. "4.2". */
  subtopic: string;
  description: string;
  generate(seed: number): ItemContent;
}
