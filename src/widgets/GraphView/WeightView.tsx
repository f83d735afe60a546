// One weight tensor in the inspector: its statistics, a heatmap (channels × the rest) and a histogram.
import { useEffect, useMemo, useRef } from 'react';
import { bin, interpolateRdBu, scaleLinear } from 'd3';
import type { Tensor } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { formatDims } from './labels';
import { graphViewStrings } from './strings';
import { heatmapGrid, tensorStats } from './weights';

const BINS = 30;
const W = 240;
const H = 80;

function Heatmap({ tensor }: { tensor: Tensor }) {
  const t = useStrings(graphViewStrings);
  const grid = useMemo(() => heatmapGrid(tensor), [tensor]);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!grid || !ctx) return;
    const image = ctx.createImageData(grid.cols, grid.rows);
    const scale = grid.maxAbs || 1;
    for (let i = 0; i < grid.values.length; i++) {
      // blue for negative, red for positive, white at zero
      const c = interpolateRdBu(0.5 - grid.values[i] / scale / 2);
      const m = /(\d+), (\d+), (\d+)/.exec(c);
      if (!m) continue;
      image.data.set([Number(m[1]), Number(m[2]), Number(m[3]), 255], 4 * i);
    }
    ctx.putImageData(image, 0, 0);
  }, [grid]);
  if (!grid) return null;
  const caption = t.heatmap(grid.sourceRows, grid.sourceCols, grid.rows, grid.cols);
  return (
    <figure style={{ margin: 0 }}>
      <canvas
        ref={ref}
        className="gv-heatmap"
        width={grid.cols}
        height={grid.rows}
        role="img"
        aria-label={caption}
        style={{ aspectRatio: `${grid.cols} / ${Math.max(grid.rows, grid.cols / 12)}` }}
      />
      <figcaption className="gv-caption">{caption}</figcaption>
    </figure>
  );
}

function Histogram({ values, min, max }: { values: ArrayLike<number>; min: number; max: number }) {
  const t = useStrings(graphViewStrings);
  const lang = useLang();
  const bins = useMemo(() => {
    const domain: [number, number] = min === max ? [min - 0.5, max + 0.5] : [min, max];
    return bin().domain(domain).thresholds(BINS)(Array.from(values));
  }, [values, min, max]);
  const top = Math.max(1, ...bins.map((b) => b.length));
  const x = scaleLinear()
    .domain([bins[0]?.x0 ?? min, bins.at(-1)?.x1 ?? max])
    .range([0, W]);
  const y = scaleLinear()
    .domain([0, top])
    .range([H - 14, 0]);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className="gv-histogram"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t.histogramLabel(bins.length, values.length)}
      >
        {bins.map((b, i) => (
          <rect
            key={i}
            x={x(b.x0!)}
            width={Math.max(0.5, x(b.x1!) - x(b.x0!) - 0.5)}
            y={y(b.length)}
            height={H - 14 - y(b.length)}
          />
        ))}
        <line x1={0} x2={W} y1={H - 13.5} y2={H - 13.5} stroke="currentColor" />
        <text x={0} y={H - 2} fontSize={10} fill="currentColor">
          {formatNumber(lang, bins[0]?.x0 ?? min, 3)}
        </text>
        <text x={W} y={H - 2} fontSize={10} fill="currentColor" textAnchor="end">
          {formatNumber(lang, bins.at(-1)?.x1 ?? max, 3)}
        </text>
      </svg>
      <figcaption className="gv-caption">{t.histogram}</figcaption>
    </figure>
  );
}

export function WeightView({ name, role, tensor }: { name: string; role: string; tensor: Tensor }) {
  const t = useStrings(graphViewStrings);
  const lang = useLang();
  const numeric = tensor.dtype !== 'string';
  const stats = useMemo(
    () => (numeric ? tensorStats(tensor.data as ArrayLike<number>) : null),
    [tensor, numeric],
  );
  const f = (v: number) => (Number.isFinite(v) ? formatNumber(lang, v, Math.abs(v) >= 100 ? 1 : 4) : '—');
  return (
    <section className="gv-weight" aria-label={`${t.weight} ${name}`}>
      <p style={{ margin: 0 }}>
        <strong>{role}</strong> <code>{name}</code>{' '}
        <span className="gv-type">
          {tensor.dtype} [{formatDims(tensor.dims)}]
        </span>
      </p>
      {stats && (
        <dl>
          <dt>{t.stats.count}</dt>
          <dd>{formatNumber(lang, stats.count)}</dd>
          <dt>{t.stats.min}</dt>
          <dd>{f(stats.min)}</dd>
          <dt>{t.stats.max}</dt>
          <dd>{f(stats.max)}</dd>
          <dt>{t.stats.mean}</dt>
          <dd>{f(stats.mean)}</dd>
          <dt>{t.stats.std}</dt>
          <dd>{f(stats.std)}</dd>
          <dt>{t.stats.zeros}</dt>
          <dd>{formatNumber(lang, stats.zeros)}</dd>
          {stats.nonFinite > 0 && (
            <>
              <dt>{t.stats.nonFinite}</dt>
              <dd>{formatNumber(lang, stats.nonFinite)}</dd>
            </>
          )}
        </dl>
      )}
      {stats && stats.count > 1 && <Heatmap tensor={tensor} />}
      {stats && stats.count > 1 && Number.isFinite(stats.min) && (
        <Histogram values={tensor.data as ArrayLike<number>} min={stats.min} max={stats.max} />
      )}
    </section>
  );
}
