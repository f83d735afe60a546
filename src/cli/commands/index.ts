import type { Command } from '../command';
import { conformanceCommand } from './conformance';
import { inspect } from './inspect';
import { kernels } from './kernels';
import { quantize } from './quantize';
import { runCommand } from './run';

/** Every CLI command, in the order --help lists them. */
export const commands: Command[] = [inspect, runCommand, conformanceCommand, kernels, quantize];
