// Reads a folder laid out like the ONNX backend test data (test_*/model.onnx,
// test_*/test_data_set_0/{input,output}_<i>.pb) into cases for the engine's conformance runner.
import fs from 'node:fs';
import path from 'node:path';
import type { ConformanceCase } from '../engine/index';

const indexOf = (file: string) => Number(/_(\d+)\.pb$/.exec(file)?.[1] ?? NaN);

export function caseNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'model.onnx')))
    .map((e) => e.name)
    .sort();
}

export function readCase(dir: string, name: string): ConformanceCase {
  const data = path.join(dir, name, 'test_data_set_0');
  const files = fs.existsSync(data) ? fs.readdirSync(data) : [];
  const list = (prefix: string) =>
    files
      .filter((f) => f.startsWith(prefix) && f.endsWith('.pb'))
      .sort((a, b) => indexOf(a) - indexOf(b))
      .map((f) => new Uint8Array(fs.readFileSync(path.join(data, f))));
  return {
    name,
    model: new Uint8Array(fs.readFileSync(path.join(dir, name, 'model.onnx'))),
    inputs: list('input_'),
    outputs: list('output_'),
  };
}
