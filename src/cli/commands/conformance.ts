// `conformance`: the reference interpreter on every case of a folder laid out like the ONNX backend test data.
import fs from 'node:fs';
import { runConformanceCase } from '../../engine/index';
import { CliError, parseArgs, type Command } from '../command';
import { caseNames, readCase } from '../conformanceDir';

export const conformanceCommand: Command = {
  name: 'conformance',
  usage: 'conformance <dir> [--json]',
  summary: 'run ONNX backend test cases (test_*/model.onnx + test_data_set_0) and report the failures',
  async run(args) {
    const { positional, flags } = parseArgs(args);
    const dir = positional[0];
    if (!dir || positional.length > 1) throw new CliError(`usage: npm run cli -- ${this.usage}`);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`${dir}: not a directory`);
    const names = caseNames(dir);
    if (names.length === 0) throw new CliError(`${dir}: no test cases (folders holding model.onnx)`);
    const failed: { name: string; reason: string }[] = [];
    for (const name of names) {
      const result = runConformanceCase(readCase(dir, name));
      if (!result.passed) failed.push({ name, reason: result.reason ?? '' });
    }
    const report = { total: names.length, passed: names.length - failed.length, failed };
    if (flags.has('json')) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      const percent = ((100 * report.passed) / report.total).toFixed(1);
      const lines = [
        `${report.passed} of ${report.total} cases pass (${percent}%)`,
        ...failed.map((f) => `  FAIL ${f.name}: ${f.reason}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  },
};
