import type { Command } from '../command';
import { inspect } from './inspect';

/** Every CLI command, in the order --help lists them. */
export const commands: Command[] = [inspect];
