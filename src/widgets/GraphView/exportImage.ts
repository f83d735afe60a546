// Export of the whole graph as a file: SVG (vector, full detail) or PNG (rendered by the same canvas code,
// scaled down when the graph is larger than a canvas may be).
import { drawScene, type DrawState, type Palette } from './draw';
import type { Scene } from './scene';
import { sceneToSvg } from './svg';

/** Browsers cap canvases at ~32k px a side and a few hundred megapixels; stay well inside. */
const MAX_SIDE = 16_000;
const MAX_PIXELS = 64e6;
const MARGIN = 16;

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const fileName = (name: string, ext: string) =>
  `${(name || 'graph').replace(/[^\w.-]+/g, '_').slice(0, 80)}.${ext}`;

export function exportSvg(scene: Scene, palette: Palette, state: DrawState, name: string): void {
  download(
    new Blob([sceneToSvg(scene, palette, state, name)], { type: 'image/svg+xml' }),
    fileName(name, 'svg'),
  );
}

export async function exportPng(
  scene: Scene,
  palette: Palette,
  state: DrawState,
  name: string,
): Promise<void> {
  const width = scene.width + 2 * MARGIN;
  const height = scene.height + 2 * MARGIN;
  const scale = Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas available');
  drawScene(
    ctx,
    scene,
    { k: scale, x: MARGIN * scale, y: MARGIN * scale },
    { width: canvas.width, height: canvas.height },
    palette,
    state,
    {
      forceText: true,
    },
  );
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  download(blob, fileName(name, 'png'));
}
