// Graph-optimization playground (chapter 4): the pass pipeline on MobileNetV2-224 (raw export) in Node, and
// end to end in Chromium against the production build — from the reader's click to both panes painted.
//
// Node: runPipeline with snapshots (what the Worker runs) at the basic and extended levels, median of RUNS.
// Browser: lesson 4.6's second playground (mobilenetv2-224-raw, basic passes, loaded on request). "Click to
// painted" runs from the click on "Load" to the animation frame after both panes show a finished layout of
// the new graphs with their analyses in: fetch and hash check of the 13.5 MB file, decode in the Worker,
// the pipeline with snapshots, the transfer back, shape inference + cost + memory plan of both graphs, two
// layouts and two first paints. Then the preset is switched to Extended and the same is measured from that
// change (no fetch, no decode).
//
// Needs a production build (`npm run build`); runs `vite preview` itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { decodeModel, runPipeline, type PassLevel } from '../../src/engine';
import { table, time, type Benchmark } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-sync',
];
const PORT = 4177;
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = 3;
const LESSON = '/en/conversion-optimization/constant-folding';

/** Ms from the moment `start` (a performance.now() in the page) to the frame after both panes are painted. */
async function untilPainted(page: Page, widgetIndex: number, start: number): Promise<number> {
  return page.evaluate(
    ({ index, start }) =>
      new Promise<number>((resolve, reject) => {
        const root = document.querySelectorAll<HTMLElement>('[data-testid=graph-optimizer]')[index];
        const deadline = performance.now() + 180_000;
        const ready = () => {
          if (root.dataset.run !== 'done') return false;
          const panes = root.querySelectorAll('[data-testid^=pane-]');
          return (
            panes.length === 2 &&
            [...panes].every(
              (p) => p.querySelector('[data-testid=graph-status]') && !p.querySelector('.go-pane-badge'),
            )
          );
        };
        const tick = () => {
          if (performance.now() > deadline)
            return reject(new Error('the panes were not painted within 3 minutes'));
          if (ready()) requestAnimationFrame(() => resolve(performance.now() - start));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    { index: widgetIndex, start },
  );
}

/** Worker pipeline time as the playground reports it ("… (1234 ms), …"). */
const pipelineMs = async (page: Page) =>
  Number(
    ((await page.getByTestId('graph-optimizer').nth(1).getByTestId('status').textContent()) ?? '')
      .match(/\(([\d,.]+) ms\)/)?.[1]
      ?.replace(/,/g, '') ?? NaN,
  );

export default async function graphoptimizer(): Promise<Benchmark> {
  return {
    title:
      'graph optimizer: pipeline on MobileNetV2-224 raw (Node), and click → both panes painted (Chromium)',
    async run() {
      const file = path.resolve('public/models/mobilenetv2-224-raw.onnx');
      const model = decodeModel(new Uint8Array(fs.readFileSync(file)));
      console.log(
        `machine: ${os.cpus().length} cores, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' / ')}`,
      );
      const rows: (string | number)[][] = [];
      for (const level of ['basic', 'extended'] as PassLevel[]) {
        let rewrites = 0;
        let nodes = '';
        const t = await time(
          () => {
            const r = runPipeline(model, { level, snapshots: true });
            rewrites = r.runs.reduce((s, run) => s + run.rewrites.length, 0);
            nodes = `${r.before.nodes} → ${r.after.nodes}`;
          },
          { warmup: 1, minRuns: RUNS, minMs: 0 },
        );
        rows.push([level, nodes, rewrites, t.median.toFixed(0), t.min.toFixed(0)]);
      }
      console.log('\nrunPipeline(snapshots) in Node, MobileNetV2-224 raw');
      table(['level', 'nodes', 'rewrites', 'median ms', 'min ms'], rows);

      const dist = path.resolve('dist');
      if (!fs.existsSync(path.join(dist, 'index.html')))
        throw new Error('no build in dist/: run `npm run build` first');
      const server = await preview({
        preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
        logLevel: 'error',
      });
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      try {
        const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        await context.addInitScript({ content: 'window.__name = (f) => f;' });
        const web: (string | number)[][] = [];
        for (let i = 0; i < RUNS; i++) {
          const page = await context.newPage();
          await page.goto(`${BASE}${LESSON}`);
          const widget = page.getByTestId('graph-optimizer').nth(1);
          const load = widget.getByTestId('load-big');
          await load.waitFor({ timeout: 60_000 });
          await load.scrollIntoViewIfNeeded();
          const start = await page.evaluate(() => performance.now());
          await load.click();
          const clickToPaint = await untilPainted(page, 1, start);
          const basicPipeline = await pipelineMs(page);
          const start2 = await page.evaluate(() => performance.now());
          await widget.getByTestId('preset').selectOption('extended');
          const changeToPaint = await untilPainted(page, 1, start2);
          const extendedPipeline = await pipelineMs(page);
          web.push([
            i + 1,
            clickToPaint.toFixed(0),
            basicPipeline.toFixed(0),
            changeToPaint.toFixed(0),
            extendedPipeline.toFixed(0),
          ]);
          await page.close();
        }
        console.log('\nChromium, lesson 4.6, second playground (mobilenetv2-224-raw)');
        table(
          [
            'run',
            'click → painted ms (basic)',
            'worker pipeline ms',
            'preset → painted ms (extended)',
            'worker pipeline ms',
          ],
          web,
        );
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      }
    },
  };
}
