/** The shape of a practice-exam item, shared by the shipped content, the generators, the bank and the exam engine. */
import type { PtceDomain } from "./outline.ts";

export type ItemKind = "single" | "multi";
export type ItemSource = "hand" | "table" | "generator" | "custom";
/** Author's estimate before calibration: 1 easy, 2 moderate, 3 hard. */
export type ItemDifficulty = 1 | 2 | 3;

export interface ItemOption {
  /** "a", "b", "c" … in display order. */
  id: string;
  text: string;
}

export interface ItemContent {
  /** Stable, unique within the bank (e.g. "law-cs-012", "drug-brand-atorvastatin"). Generated items: "<family>:<seed>". */
  code: string;
  kind: ItemKind;
  stem: string;
  options: ItemOption[];
  /** Option ids of the key: exactly one for "single", two or more for "multi". */
  key: string[];
  /** Why the key is right and why the other options are wrong. */
  explanation: string;
  /** Where the fact comes from (regulation, reference table, labeling). */
  reference: string;
  domain: PtceDomain;
  /** Subtopic code from the outline, e.g. "2.2". */
  subtopic: string;
  difficulty: ItemDifficulty;
  source: ItemSource;
  /** The generator family or reference table an item came from. */
  family?: string;
}
