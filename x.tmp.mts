import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (let trial = 0; trial < 12; trial++) {
  const page = await browser.newPage();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  await page.goto('http://127.0.0.1:4179/en/conversion-optimization/operator-fusion');
  await page.evaluate(`(() => {
    const t0 = performance.now();
    const log = (s) => console.log((performance.now() - t0).toFixed(0) + ' ' + s);
    const obs = new MutationObserver((muts) => {
      for (const m of muts) {
        if (m.type === 'attributes') log('w' + [...document.querySelectorAll('[data-testid=graph-optimizer]')].indexOf(m.target) + ' ' + m.attributeName + '=' + m.target.getAttribute(m.attributeName));
        if (m.type === 'childList') for (const n of m.removedNodes) if (n instanceof Element && (n.matches('[data-testid=graph-optimizer]') || n.querySelector('[data-testid=graph-optimizer]'))) log('REMOVED widget');
      }
    });
    obs.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-run', 'data-load'], childList: true });
  })()`);
  const w = page.getByTestId('graph-optimizer').first();
  await w.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=graph-optimizer]')?.getAttribute('data-run') === 'done', null, { timeout: 60000 });
  const next = w.getByRole('button', { name: /Next step/ });
  await next.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.waitForTimeout(3000);
  const pos = await w.getByTestId('step-summary').getAttribute('data-position');
  console.log(trial, 'pos', pos, logs.join(' | '));
  await page.close();
}
await browser.close();
