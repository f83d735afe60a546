// `npm run bench [-- name …]`: runs the benchmarks and prints figures and ratios measured in one run.
// Each benchmark lives in scripts/bench/<name>.ts and is listed once below.
import type { Benchmark } from './harness';

const benchmarks: Record<string, () => Promise<Benchmark>> = {
  web: async () => (await import('./web')).default(),
  engine: async () => (await import('./engine')).default(),
  interpreter: async () => (await import('./interpreter')).default(),
  kernels: async () => (await import('./kernels')).default(),
  graphview: async () => (await import('./graphview')).default(),
  graphoptimizer: async () => (await import('./graphoptimizer')).default(),
  passes: async () => (await import('./passes')).default(),
  'gemm-lab': async () => (await import('./gemm-lab')).default(),
  quantlab: async () => (await import('./quantlab')).default(),
  quant: async () => (await import('./quant')).default(),
};

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in benchmarks));
  if (unknown.length)
    throw new Error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`,
    );
  for (const name of wanted.length ? wanted : Object.keys(benchmarks)) {
    const bench = await benchmarks[name]();
    console.log(`\n## ${name}: ${bench.title}`);
    await bench.run();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
