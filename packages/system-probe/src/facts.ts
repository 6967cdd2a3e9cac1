import type { FactSource } from './types.js';

/** Collects each fact's provenance and, for facts that could not be read, the reason. */
export interface FactLog {
  readonly sources: Record<string, FactSource>;
  readonly unknown: Record<string, string>;
}

export function newFactLog(): FactLog {
  return { sources: {}, unknown: {} };
}

export function mergeInto(target: FactLog, from: FactLog): void {
  Object.assign(target.sources, from.sources);
  Object.assign(target.unknown, from.unknown);
}
