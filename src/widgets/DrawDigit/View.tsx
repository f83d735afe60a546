// <DrawDigit />: draw a digit with mouse, pen or finger (or pick a test image from the keyboard); the
// engine's digitFromDrawing turns it into the 8×8 form the models were trained on, and the float and int8
// models both answer on every change.
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { digitFromDrawing, inkFromRGBA, type DigitSet } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { PixelImage } from '../../ui/PixelImage';
import { DIGITS_DATASET, loadDigitSet } from '../../workers/digitSets';
import { loadManifest } from '../../workers/modelZoo';
import { strings } from './strings';
import { useDigitModels, type DigitPrediction } from './useDigitModels';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import './DrawDigit.css';

/** Canvas pixels; the pen is about an eighth of a digit's height, like the strokes of the UCI digits. */
const SIDE = 192;
const PEN = 19;

const argmax = (p: ArrayLike<number>) => Array.from(p).reduce((best, v, i, a) => (v > a[best] ? i : best), 0);

export default function DrawDigit() {
  const t = useStrings(strings);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const [hasInk, setHasInk] = useState(false);
  const { status, prediction, predict, clear } = useDigitModels();
  const [testSet, setTestSet] = useState<DigitSet | null>(null);
  const picks = useRef<number[]>(Array(10).fill(-1));

  useEffect(() => {
    const ctx = context();
    if (ctx) wipe(ctx);
    return () => cancelAnimationFrame(frame.current);
  }, []);

  // One context for drawing and reading back (willReadFrequently keeps the pixels on the CPU side).
  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  function wipe(ctx: CanvasRenderingContext2D) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, SIDE, SIDE);
  }

  /** At most once per animation frame: read the canvas, preprocess with the engine, predict. */
  function schedule() {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const ctx = context();
      if (!ctx) return;
      const { data } = ctx.getImageData(0, 0, SIDE, SIDE);
      const digit = digitFromDrawing(inkFromRGBA(data, SIDE, SIDE, 'dark'));
      if (digit.box) predict(digit.pixels);
    });
  }

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * SIDE, y: ((e.clientY - r.top) / r.height) * SIDE };
  };

  function stroke(from: { x: number; y: number }, to: { x: number; y: number }) {
    const ctx = context();
    if (!ctx) return;
    ctx.strokeStyle = '#000000';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    setHasInk(true);
    schedule();
  }

  function onDown(e: PointerEvent<HTMLCanvasElement>) {
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = at(e);
    drawing.current = p;
    stroke(p, p);
  }
  function onMove(e: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    const p = at(e);
    stroke(drawing.current, p);
    drawing.current = p;
  }
  const onUp = () => (drawing.current = null);

  function onClear() {
    const ctx = context();
    if (ctx) wipe(ctx);
    setHasInk(false);
    clear();
  }

  /** The keyboard path: a test image of the chosen digit goes to the models as it is (no drawing involved). */
  async function pick(digit: number) {
    let set = testSet;
    if (!set) {
      const base = import.meta.env.BASE_URL;
      set = await loadDigitSet(await loadManifest(base), DIGITS_DATASET, 'test', base);
      setTestSet(set);
    }
    const labels = set.labels.data;
    let i = picks.current[digit];
    do i = (i + 1) % labels.length;
    while (labels[i] !== digit);
    picks.current[digit] = i;
    onClear();
    predict(set.images.data.slice(i * 64, i * 64 + 64));
  }

  const statusText = (() => {
    switch (status.kind) {
      case 'idle':
        return t.idle;
      case 'preparing':
        return t.preparing;
      case 'quantizing':
        return t.quantizing('digits-cnn');
      case 'ready':
        return `${t.ready} ${status.fromLab ? t.fromAbove : t.own}`;
      case 'error':
        return t.failed(status.message);
    }
  })();

  return (
    <WidgetFrame kind="draw-digit" title={t.title} data-testid="draw-digit" data-status={status.kind}>
      {status.kind === 'ready' && (
        <p className="widget-subtitle">{t.subtitle(status.pair.label, t.methods[status.pair.method])}</p>
      )}
      <div className="dd-layout">
        <div className="dd-input">
          <canvas
            ref={canvas}
            width={SIDE}
            height={SIDE}
            className="dd-canvas"
            aria-label={t.canvasLabel}
            role="img"
            onPointerDown={onDown}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={onUp}
            data-testid="dd-canvas"
          />
          <div className="widget-actions">
            <button
              type="button"
              className="button"
              onClick={onClear}
              disabled={!hasInk && !prediction}
              data-testid="dd-clear"
            >
              {t.clear}
            </button>
          </div>
          <div className="dd-picks" role="group" aria-label={t.pick}>
            <span className="widget-label">{t.pick}</span>
            {Array.from({ length: 10 }, (_, d) => (
              <button
                key={d}
                type="button"
                className="button dd-pick"
                aria-label={t.pickDigit(d)}
                onClick={() => void pick(d)}
                data-testid={`dd-pick-${d}`}
              >
                {d}
              </button>
            ))}
          </div>
        </div>
        <Answers prediction={prediction} />
      </div>
      <p
        className={status.kind === 'error' ? 'widget-message error' : 'widget-message'}
        role="status"
        data-testid="dd-status"
      >
        {statusText}
      </p>
      <p className="widget-caption">{t.caption}</p>
    </WidgetFrame>
  );
}

function Answers({ prediction }: { prediction: DigitPrediction | null }) {
  const t = useStrings(strings);
  const lang = useLang();
  if (!prediction) return <p className="dd-empty">{t.empty}</p>;
  const f = argmax(prediction.float);
  const q = argmax(prediction.int8);
  const pct = (v: number) => formatNumber(lang, 100 * v, 1);
  return (
    <div className="dd-answers">
      <div className="dd-seen">
        <span className="widget-label">{t.seen}</span>
        <PixelImage pixels={prediction.pixels} width={8} height={8} max={16} size={10} label={t.seenAlt} />
      </div>
      <p className="dd-verdict">
        <strong data-testid="dd-pred-float" data-digit={f}>
          {t.prediction(t.float, f, pct(prediction.float[f]))}
        </strong>
        <br />
        <strong data-testid="dd-pred-int8" data-digit={q}>
          {t.prediction(t.int8, q, pct(prediction.int8[q]))}
        </strong>
        <br />
        <span>{f === q ? t.agree : t.disagree}</span>
      </p>
      <table className="widget-table dd-probs" data-testid="dd-probs">
        <caption>{t.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colDigit}</th>
            <th scope="col">{t.float}</th>
            <th scope="col">{t.int8}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from(prediction.float, (p, d) => (
            <tr key={d} className={d === f || d === q ? 'top' : ''}>
              <th scope="row">{d}</th>
              <Bar value={p} text={pct(p)} variant="float" />
              <Bar value={prediction.int8[d]} text={pct(prediction.int8[d])} variant="int8" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Bar({ value, text, variant }: { value: number; text: string; variant: string }) {
  return (
    <td className={`dd-bar ${variant}`} data-value={value}>
      <span
        className="dd-fill"
        style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }}
        aria-hidden="true"
      />
      <span className="dd-num">{text} %</span>
    </td>
  );
}
