import type { Command } from 'commander';
import type { Output } from './output.js';
import { registerBench, registerCache, registerProfile, registerWorkers } from './groups.js';
import { registerTune } from './tune.js';

/** Each command group registers itself on the program. */
export const commandGroups: readonly ((program: Command, out: () => Output) => void)[] = [
  registerTune, registerProfile, registerCache, registerWorkers, registerBench,
];
