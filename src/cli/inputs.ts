// Where the `run` command gets each graph input: a .npy or .pb file, or seeded random values shaped by
// the input's declared type (symbolic and unknown dims taken as 1).
import fs from 'node:fs';
import { CliError } from './command';
import { decodeTensor, randomTensor, readNpy, seededRandom, type Graph, type Tensor } from '../engine/index';

export interface InputSource {
  name: string;
  source: string;
}

/** Parses `--input name=file|random` options; a bare `random` applies to every input not named. */
export function parseInputs(options: string[]): { named: Map<string, string>; fallback: string | null } {
  const named = new Map<string, string>();
  let fallback: string | null = null;
  for (const option of options) {
    const eq = option.indexOf('=');
    if (eq < 0) {
      if (option !== 'random')
        throw new CliError(`--input ${option}: expected name=file.npy, name=file.pb, name=random or random`);
      fallback = 'random';
    } else named.set(option.slice(0, eq), option.slice(eq + 1));
  }
  return { named, fallback };
}

function load(name: string, source: string, graph: Graph, rng: () => number): Tensor {
  if (source === 'random') {
    const type = graph.inputs.find((v) => v.name === name)?.type;
    if (!type?.shape)
      throw new CliError(`input "${name}" has no declared shape; pass a file instead of random`);
    if (type.dtype === 'string') throw new CliError(`input "${name}" holds strings, which cannot be random`);
    return randomTensor(
      type.dtype,
      type.shape.map((d) => (typeof d === 'number' ? d : 1)),
      rng,
    );
  }
  if (!fs.existsSync(source)) throw new CliError(`input "${name}": file ${source} not found`);
  const bytes = new Uint8Array(fs.readFileSync(source));
  if (source.endsWith('.npy')) return readNpy(bytes);
  if (source.endsWith('.pb')) return decodeTensor(bytes).tensor;
  throw new CliError(`input "${name}": ${source} is neither .npy nor .pb`);
}

/** The feeds for every graph input that is not an initializer, in graph order. */
export function loadInputs(graph: Graph, options: string[], seed: number) {
  const { named, fallback } = parseInputs(options);
  const feedable = graph.inputs.filter((v) => !graph.initializers.has(v.name)).map((v) => v.name);
  for (const name of named.keys())
    if (!graph.inputs.some((v) => v.name === name))
      throw new CliError(
        `--input ${name}: the model has no input "${name}" (inputs: ${feedable.join(', ') || 'none'})`,
      );
  const rng = seededRandom(seed);
  const feeds: Record<string, Tensor> = {};
  const sources: InputSource[] = [];
  for (const name of graph.inputs.map((v) => v.name)) {
    const source = named.get(name) ?? (feedable.includes(name) ? fallback : null);
    if (source === null) {
      if (feedable.includes(name))
        throw new CliError(`no value for input "${name}": pass --input ${name}=file.npy|file.pb|random`);
      continue; // an initializer keeps its stored value
    }
    feeds[name] = load(name, source, graph, rng);
    sources.push({ name, source });
  }
  return { feeds, sources };
}
