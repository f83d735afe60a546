import type { Command } from '../command';
import { kernels } from './kernels';

/** Every CLI command, in the order --help lists them. */
export const commands: Command[] = [kernels];
