// Shared helpers for benchmarks: repeated timing with warm-up, medians, and an aligned table printer.
import { performance } from 'node:perf_hooks';

export interface Benchmark {
  title: string;
  run(): Promise<void>;
}

export interface Timing {
  median: number;
  min: number;
  p90: number;
  runs: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Times fn (ms) after `warmup` untimed calls; runs at least `minRuns` times and at least `minMs` in total. */
export async function time(
  fn: () => unknown,
  { warmup = 1, minRuns = 5, minMs = 200 } = {},
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return {
    median: quantile(samples, 0.5),
    min: samples[0],
    p90: quantile(samples, 0.9),
    runs: samples.length,
  };
}

export interface Variant {
  name: string;
  run(): unknown;
}

/**
 * Times every variant once per round (after `warmup` untimed rounds): per variant, the wall time of each call
 * and the CPU time the process spent in it (user + system, all threads), in ms. Round-robin, so that load on a
 * shared machine falls on all variants alike; the CPU time is what a call costs when nothing else competes
 * (meaningful for single-threaded work).
 */
export async function interleavedWithCpu(
  variants: Variant[],
  rounds: number,
  warmup = 1,
): Promise<{ wall: Map<string, number[]>; cpu: Map<string, number[]> }> {
  const wall = new Map(variants.map((v) => [v.name, [] as number[]]));
  const cpu = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let round = -warmup; round < rounds; round++)
    for (const v of variants) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await v.run();
      const t1 = performance.now();
      const used = process.cpuUsage(c0);
      if (round < 0) continue;
      wall.get(v.name)!.push(t1 - t0);
      cpu.get(v.name)!.push((used.user + used.system) / 1000);
    }
  return { wall, cpu };
}

/** interleavedWithCpu's wall times only. */
export async function interleaved(
  variants: Variant[],
  rounds: number,
  warmup = 1,
): Promise<Map<string, number[]>> {
  return (await interleavedWithCpu(variants, rounds, warmup)).wall;
}

/** Prints rows as an aligned text table. */
export function table(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  for (const [k, r] of cells.entries()) {
    console.log(r.map((c, i) => String(c).padStart(widths[i])).join('  '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}
