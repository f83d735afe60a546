// Reads the drawing colours from CSS variables (graphView.css and the theme tokens of base.css), so the
// canvas follows the light/dark theme like the rest of the page.
import type { Palette } from './draw';
import { FAMILIES, type OpFamily } from './families';

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const fill = {} as Record<OpFamily, string>;
  const stroke = {} as Record<OpFamily, string>;
  for (const f of FAMILIES) {
    fill[f] = v(`--gv-${f}-fill`, '#eeeeee');
    stroke[f] = v(`--gv-${f}-stroke`, '#555555');
  }
  return {
    background: v('--bg', '#ffffff'),
    text: v('--fg', '#1b1f27'),
    muted: v('--fg-muted', '#4a5263'),
    edge: v('--gv-edge', '#7d8799'),
    accent: v('--accent', '#1d4ed8'),
    removed: v('--bad', '#b42318'),
    added: v('--good', '#166534'),
    changed: v('--warn', '#8a4b00'),
    match: v('--gv-match', '#c26a00'),
    fill,
    stroke,
    fontFamily: v('--font-sans', 'system-ui, sans-serif'),
  };
}
