// The quantization lab in the built site, in Debian's Chromium: how long quantizing mobilenetv2-224 takes in
// the page (target < 10 s), where that time goes (the lab's status lines, timed), and whether the page stays
// responsive meanwhile (long main-thread tasks, the longest gap between animation frames), then a full digits-cnn comparison with its measured figures.
// Needs a production build (`npm run build`); runs `vite preview` itself. The machine's load average is
// printed with the figures, since other work on the CPU slows the Workers down directly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import type { Benchmark } from './harness';
import { table } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const PORT = Number(process.env.BENCH_PORT ?? 4175);
const LESSON = '/en/compression/ptq-deployment';
const TARGET_S = 10;

/**
 * Records long main-thread tasks and the longest gap between animation frames. The page code is a string:
 * tsx would wrap named functions in a helper that does not exist in the page.
 */
const WATCH = `(() => {
  const b = (window.__bench = { long: [], gap: 0, stop: false, statuses: [] });
  const status = document.querySelector('[data-testid=fv-status]');
  const t0 = performance.now();
  new MutationObserver(() => {
    const text = status.textContent;
    if (b.statuses.at(-1)?.text !== text) b.statuses.push({ t: performance.now() - t0, text });
  }).observe(status, { subtree: true, childList: true, characterData: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.long.push(e.duration); }).observe({ type: 'longtask' });
  let last = performance.now();
  requestAnimationFrame(function tick(now) {
    b.gap = Math.max(b.gap, now - last);
    last = now;
    if (!b.stop) requestAnimationFrame(tick);
  });
})()`;
const STOP = `(() => { const b = window.__bench; b.stop = true; return { long: b.long, gap: b.gap, statuses: b.statuses }; })()`;

interface MainThread {
  long: number[];
  gap: number;
  /** Each status line the lab showed, with the time it appeared (ms after the watch began). */
  statuses: { t: number; text: string }[];
}

async function watchMainThread(page: Page) {
  await page.evaluate(WATCH);
  return () => page.evaluate(STOP) as Promise<MainThread>;
}

const status = (page: Page) => page.getByTestId('fv-status').textContent();
const phase = (page: Page) => page.getByTestId('float-vs-int8').getAttribute('data-phase');

async function quantizeMobileNet(page: Page) {
  await page.goto(LESSON);
  await page.getByTestId('fv-model').selectOption('mobilenetv2-224');
  const stop = await watchMainThread(page);
  const t0 = Date.now();
  await page.getByTestId('fv-start').click();
  // Quantization is over when the comparison starts loading the float model into onnxruntime-web.
  while (!/Loading the float32/.test((await status(page)) ?? '')) {
    if ((await phase(page)) === 'error') throw new Error(`the lab failed: ${await status(page)}`);
    await page.waitForTimeout(50);
  }
  const seconds = (Date.now() - t0) / 1000;
  const main = await stop();
  await page.getByTestId('fv-cancel').click();
  return { seconds, main };
}

async function compareDigits(page: Page) {
  await page.goto(LESSON);
  await page.getByTestId('fv-model').selectOption('digits-cnn');
  await page.getByTestId('fv-runs').selectOption('20');
  await page.getByTestId('fv-start').click();
  await page.waitForFunction(
    () =>
      ['done', 'error'].includes(
        document.querySelector<HTMLElement>('[data-testid=float-vs-int8]')!.dataset.phase!,
      ),
    undefined,
    { timeout: 300_000 },
  );
  if ((await phase(page)) !== 'done') throw new Error(`the lab failed: ${await status(page)}`);
  const cell = (row: string, column: number) =>
    page
      .locator(`[data-testid=fv-summary] tr[data-key="${row}"] td`)
      .nth(column)
      .getAttribute('data-value')
      .then(Number);
  return {
    status: await status(page),
    accuracy: [await cell('accuracy', 0), await cell('accuracy', 1)],
    size: [await cell('size', 0), await cell('size', 1)],
    b1: [await cell('latency-1', 0), await cell('latency-1', 1)],
    b32: [await cell('latency-32', 0), await cell('latency-32', 1)],
  };
}

export default async function quantlab(): Promise<Benchmark> {
  return {
    title: 'quantization lab in the browser: mobilenetv2-224 quantized in the page, digits-cnn float vs int8',
    async run() {
      if (!fs.existsSync(path.resolve('dist/index.html')))
        throw new Error('no build in dist/: run `npm run build` first');
      const server = await preview({
        preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
        logLevel: 'error',
      });
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      try {
        const page = await browser.newPage({ baseURL: `http://127.0.0.1:${PORT}` });
        const load = os.loadavg()[0];
        const runs = [];
        for (let i = 0; i < 3; i++) runs.push(await quantizeMobileNet(page));
        console.log(
          `load average before: ${load.toFixed(2)} on ${os.cpus().length} cores; after: ${os.loadavg()[0].toFixed(2)}`,
        );
        table(
          [
            'run',
            'quantize mobilenetv2-224 (s)',
            `target < ${TARGET_S} s`,
            'long tasks',
            'longest task (ms)',
            'longest frame gap (ms)',
          ],
          runs.map((r, i) => [
            i + 1,
            r.seconds.toFixed(2),
            r.seconds < TARGET_S ? 'met' : 'NOT met',
            r.main.long.length,
            Math.round(Math.max(0, ...r.main.long)),
            Math.round(r.main.gap),
          ]),
        );
        // Where the time goes: each status line and how long it stayed, i.e. the work that followed it.
        const median = [...runs].sort((a, b) => a.seconds - b.seconds)[1];
        const { statuses } = median.main;
        console.log(`\nrun ${runs.indexOf(median) + 1} (the median), status by status:`);
        table(
          ['status shown', 'for (ms)'],
          statuses.slice(0, -1).map((s, i) => [s.text.slice(0, 90), Math.round(statuses[i + 1].t - s.t)]),
        );
        const d = await compareDigits(page);
        console.log(`\ndigits-cnn, MinMax, 20 timed runs: ${d.status}`);
        const ratio = (a: number[]) => (a[1] / a[0]).toFixed(2);
        table(
          ['', 'float32', 'int8', 'int8 / float32'],
          [
            [
              'accuracy (360 test digits)',
              `${(100 * d.accuracy[0]).toFixed(2)} %`,
              `${(100 * d.accuracy[1]).toFixed(2)} %`,
              '',
            ],
            ['size (bytes)', d.size[0], d.size[1], ratio(d.size)],
            ['latency batch 1, median (ms)', d.b1[0].toFixed(3), d.b1[1].toFixed(3), ratio(d.b1)],
            ['latency batch 32, median (ms)', d.b32[0].toFixed(3), d.b32[1].toFixed(3), ratio(d.b32)],
          ],
        );
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      }
    },
  };
}
