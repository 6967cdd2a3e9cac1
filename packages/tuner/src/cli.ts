#!/usr/bin/env node
import { main } from './cli/program.js';
import { commandGroups } from './cli/commands.js';

process.exitCode = await main(process.argv.slice(2), commandGroups);
