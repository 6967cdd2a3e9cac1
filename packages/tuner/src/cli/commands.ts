import type { Command } from 'commander';
import type { Output } from './output.js';

/** Each command group registers itself on the program. */
export const commandGroups: readonly ((program: Command, out: () => Output) => void)[] = [];
