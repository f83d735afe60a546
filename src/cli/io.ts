// Shared helpers of the CLI commands: reading a model file, turning the engine's ModelErrors into a message
// on stderr with a non-zero exit, and printing JSON.
import fs from 'node:fs';
import { decodeModel, ModelError, type Model } from '../engine/index';
import { CliError } from './command';

/** Exit code of a command given a bad model (2 is for bad usage). */
export const BAD_MODEL_EXIT = 1;

/**
 * Runs `fn`, which works on the model in `file`; a ModelError it throws becomes a CliError whose message
 * starts with the file, so that main prints it on stderr and exits with BAD_MODEL_EXIT.
 */
export function explainModelErrors<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ModelError) throw new CliError(`${file}: ${e.message}`, BAD_MODEL_EXIT);
    throw e;
  }
}

/** Reads and decodes an .onnx file. A file that cannot be read or decoded becomes a CliError saying why. */
export function readModel(file: string): Model {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`, BAD_MODEL_EXIT);
  }
  return explainModelErrors(file, () => decodeModel(bytes));
}

/** Prints one JSON object on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
