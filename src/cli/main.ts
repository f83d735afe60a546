// The engine as a command-line tool: `npm run cli -- <command> [args]`.
// Each command lives in src/cli/commands/<name>.ts and is listed once in commands/index.ts.
import { commands } from './commands/index';
import { CliError, runCommand } from './command';

const [name, ...args] = process.argv.slice(2);
runCommand(commands, name, args).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof CliError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof CliError ? err.exitCode : 1);
  },
);
