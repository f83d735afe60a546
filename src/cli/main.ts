// The engine as a command-line tool: `npm run cli -- <command> [args]`.
// Each command lives in src/cli/commands/<name>.ts and is listed once in commands/index.ts.
import { commands } from './commands/index';
import { CliError, runCommand } from './command';

const [name, ...args] = process.argv.slice(2);
// Exit once stdout is flushed: writes to a pipe are asynchronous, and exiting at once cut long --json
// output at 64 KiB (`layout mobilenetv2-224 --json | …` printed 95 KB).
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

runCommand(commands, name, args).then(exit, (err: unknown) => {
  process.stderr.write(`${err instanceof CliError || err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof CliError ? err.exitCode : 1);
});
