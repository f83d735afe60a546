// A small command table: each command declares its usage and a run function; --help is generated.

export interface Command {
  name: string;
  /** One line, e.g. "inspect <model.onnx> [--json]". */
  usage: string;
  summary: string;
  /** Returns the process exit code. Prints JSON with --json, human-readable text otherwise. */
  run(args: string[]): Promise<number>;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function help(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'usage: npm run cli -- <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

export async function runCommand(
  commands: Command[],
  name: string | undefined,
  args: string[],
): Promise<number> {
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliError(`unknown command "${name}"\n\n${help(commands)}`);
  return command.run(args);
}

/** Minimal flag parsing: positionals, boolean flags and `--key value` options (repeatable). */
export function parseArgs(args: string[], valueFlags: string[] = []) {
  const positional: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (valueFlags.includes(a.slice(2))) {
      const v = args[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      options.set(a.slice(2), [...(options.get(a.slice(2)) ?? []), v]);
    } else flags.add(a.slice(2));
  }
  return { positional, flags, options, option: (k: string) => options.get(k)?.at(-1) };
}
