import { chromium } from '@playwright/test';
const [,, url, out, width = '1100', actions = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(1500);
for (const a of actions.split(';').filter(Boolean)) {
  const [kind, arg, arg2] = a.split('|');
  if (kind === 'click') await page.locator(arg).first().click();
  if (kind === 'select') await page.locator(arg).first().selectOption(arg2);
  if (kind === 'wait') await page.waitForTimeout(Number(arg));
  if (kind === 'waitfor') await page.locator(arg).first().waitFor({ timeout: 120000 });
  if (kind === 'press') await page.keyboard.press(arg);
  if (kind === 'fill') await page.locator(arg).first().fill(arg2);
}
const el = page.locator('.widget').first();
await el.screenshot({ path: out });
await browser.close();
