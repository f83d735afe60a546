// Performance budget of the built site (issue 2): initial JavaScript of a lesson page (gzip) and Lighthouse
// (desktop preset) performance and accessibility on a chapter-1 lesson, in Debian's Chromium.
// Needs a production build (`npm run build`); runs `vite preview` itself.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { preview } from 'vite';
import type { Benchmark } from './harness';
import { table } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
const BUDGET_KB = 170;
const LESSONS = [
  '/en/inference-systems/training-vs-inference',
  '/zh/inference-systems/system-architecture',
  '/en',
];

const gzipKB = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;

/** JS files a page downloads until the network is idle, with no interaction. */
async function initialScripts(base: string, route: string): Promise<string[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.slice(1) });
  const page = await browser.newPage();
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' || r.url().endsWith('.js'))
      scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(base + route, { waitUntil: 'networkidle' });
  await browser.close();
  return [...new Set(scripts)];
}

async function lighthouseScores(url: string) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error' },
      desktopConfig,
    );
    const cats = result!.lhr.categories;
    const audits = result!.lhr.audits;
    return {
      performance: Math.round((cats.performance.score ?? 0) * 100),
      accessibility: Math.round((cats.accessibility.score ?? 0) * 100),
      fcp: audits['first-contentful-paint'].displayValue ?? '',
      lcp: audits['largest-contentful-paint'].displayValue ?? '',
      tbt: audits['total-blocking-time'].displayValue ?? '',
      cls: audits['cumulative-layout-shift'].displayValue ?? '',
      si: audits['speed-index'].displayValue ?? '',
      failing: Object.values(audits)
        .filter(
          (a) => a.score !== null && a.score < 1 && cats.accessibility.auditRefs.some((r) => r.id === a.id),
        )
        .map((a) => a.id),
    };
  } finally {
    chrome.kill();
  }
}

export default async function web(): Promise<Benchmark> {
  return {
    title: 'initial JavaScript per page (gzip) and Lighthouse desktop scores',
    async run() {
      const dist = path.resolve('dist');
      if (!fs.existsSync(path.join(dist, 'index.html')))
        throw new Error('no build in dist/: run `npm run build` first');
      const server = await preview({
        preview: { port: 4174, strictPort: true, host: '127.0.0.1' },
        logLevel: 'error',
      });
      const base = 'http://127.0.0.1:4174';
      try {
        const rows = [];
        for (const route of LESSONS) {
          const files = await initialScripts(base, route);
          const kb = files.reduce((sum, f) => sum + gzipKB(path.join(dist, f)), 0);
          rows.push([
            route,
            files.length,
            kb.toFixed(1),
            `${((kb / BUDGET_KB) * 100).toFixed(0)}%`,
            kb <= BUDGET_KB ? 'ok' : 'OVER',
          ]);
        }
        table(['page', 'JS files', 'gzip KB', `of ${BUDGET_KB} KB budget`, ''], rows);
        const wasm = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.wasm'));
        console.log(
          `\nwasm in the build: ${wasm.join(', ') || 'none'} (loaded only when a widget runs a model)`,
        );

        const route = LESSONS[0];
        const lh = await lighthouseScores(base + route);
        console.log(`\nLighthouse (desktop) on ${route}:`);
        table(
          ['performance', 'accessibility', 'FCP', 'LCP', 'TBT', 'CLS', 'Speed Index'],
          [[lh.performance, lh.accessibility, lh.fcp, lh.lcp, lh.tbt, lh.cls, lh.si]],
        );
        if (lh.failing.length) console.log(`accessibility audits not passing: ${lh.failing.join(', ')}`);
        console.log(
          `targets: performance ≥ 95 → ${lh.performance >= 95 ? 'met' : 'NOT met'}; accessibility 100 → ${lh.accessibility === 100 ? 'met' : 'NOT met'}`,
        );
      } finally {
        await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      }
    },
  };
}
