// The side-by-side lab's results: the summary table with the measured ratios and what they mean, the
// confusion matrices, the images where float and int8 disagree, and the per-layer SQNR on the graph.
import { useMemo, type CSSProperties } from 'react';
import type { ClassificationScore } from '../../engine';
import { formatNumber, useLang, useStrings, type Lang } from '../../ui/i18n';
import { PixelImage } from '../../ui/PixelImage';
import { GraphView, type NodeOverlay } from '../GraphView/View';
import { shortNodeName } from '../QuantExplorer/labels';
import { sqnrByNodeKey } from './overlay';
import { strings } from './strings';
import type { LabRun } from './useLab';
import { verdictText, verdicts } from './verdict';

const formatMs = (lang: Lang, ms: number) =>
  formatNumber(lang, ms, ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0);
const kb = (lang: Lang, bytes: number) => `${formatNumber(lang, bytes / 1024, bytes < 10240 ? 1 : 0)} KB`;
const MAX_DISAGREEMENTS = 40;

export function Results({ run }: { run: LabRun }) {
  const t = useStrings(strings);
  const lang = useLang();
  const { comparison: c, report } = run;
  const batchVerdicts = verdicts(c.float.latency, c.int8.latency);
  const ratio = (r: number) => t.ratio(formatNumber(lang, r, 2));
  const at32 = c.float.latency.findIndex((l) => l.batch === 32);
  const throughput = (v: 'float' | 'int8') => {
    const l = c[v].latency[at32];
    return l ? l.batch / (l.median / 1000) : 0;
  };
  const same = c.float.predictions.length - c.disagree.length;

  return (
    <div className="fv-results" data-testid="fv-results">
      <div className="widget-table-wrap" tabIndex={0} role="region" aria-label={t.summaryCaption}>
        <table className="widget-table" data-testid="fv-summary">
          <caption>{t.summaryCaption}</caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{t.float}</th>
              <th scope="col">{t.int8}</th>
              <th scope="col">int8 / float32</th>
            </tr>
          </thead>
          <tbody>
            {c.float.score && c.int8.score ? (
              <tr data-key="accuracy">
                <th scope="row">{t.rowAccuracy(c.float.score.total)}</th>
                <Accuracy score={c.float.score} variant="float" />
                <Accuracy score={c.int8.score} variant="int8" />
                <td>
                  {formatNumber(
                    lang,
                    (100 * (c.int8.score.correct - c.float.score.correct)) / c.float.score.total,
                    2,
                  )}{' '}
                  pp
                </td>
              </tr>
            ) : (
              <tr data-key="agreement">
                <th scope="row">{t.rowAgreement(c.float.predictions.length)}</th>
                <td>—</td>
                <td data-value={same}>{t.agreementValue(same, c.float.predictions.length)}</td>
                <td />
              </tr>
            )}
            <tr data-key="size">
              <th scope="row">{t.rowSize}</th>
              <td data-value={report.bytesBefore}>{kb(lang, report.bytesBefore)}</td>
              <td data-value={report.bytesAfter}>{kb(lang, report.bytesAfter)}</td>
              <td>{ratio(report.bytesAfter / report.bytesBefore)}</td>
            </tr>
            {c.float.latency.map((f, k) => {
              const q = c.int8.latency[k];
              return (
                <tr key={f.batch} data-key={`latency-${f.batch}`}>
                  <th scope="row">{t.rowLatency(f.batch)}</th>
                  <td data-value={f.median} data-p90={f.p90}>
                    {t.latencyValue(formatMs(lang, f.median), formatMs(lang, f.p90))}
                  </td>
                  <td data-value={q.median} data-p90={q.p90}>
                    {t.latencyValue(formatMs(lang, q.median), formatMs(lang, q.p90))}
                  </td>
                  <td data-value={q.median / f.median}>{ratio(q.median / f.median)}</td>
                </tr>
              );
            })}
            {at32 >= 0 && (
              <tr data-key="throughput">
                <th scope="row">{t.rowThroughput}</th>
                <td>{t.perSecond(formatNumber(lang, throughput('float')))}</td>
                <td>{t.perSecond(formatNumber(lang, throughput('int8')))}</td>
                <td>{ratio(throughput('int8') / throughput('float'))}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {!c.float.score && <p className="fv-note">{t.synthetic}</p>}

      <h4 className="fv-heading">{t.verdictTitle}</h4>
      {batchVerdicts.map((v) => (
        <p key={v.batch} data-testid={`fv-verdict-${v.batch}`} data-outcome={v.outcome}>
          {t.verdict[verdictText(v)](v.batch, formatNumber(lang, v.ratio, 2))} {v.noisy && t.verdict.noisy}
        </p>
      ))}
      <p className="fv-note">
        {t.threads(c.threads, c.crossOriginIsolated)}{' '}
        {t.timing(
          formatNumber(lang, report.stageMs.calibrate / 1000, 2),
          formatNumber(lang, report.stageMs.rewrite / 1000, 2),
          formatNumber(lang, report.stageMs.analyze / 1000, 2),
        )}
      </p>

      {c.float.score && c.int8.score && (
        <>
          <h4 className="fv-heading">{t.confusionTitle}</h4>
          <div className="fv-confusions">
            <Confusion
              score={c.float.score}
              title={t.confusionCaption(t.float)}
              testId="fv-confusion-float"
            />
            <Confusion score={c.int8.score} title={t.confusionCaption(t.int8)} testId="fv-confusion-int8" />
          </div>
        </>
      )}

      <h4 className="fv-heading">{t.disagreeTitle(c.disagree.length)}</h4>
      {c.disagree.length === 0 ? (
        <p data-testid="fv-disagreements">{t.noDisagreement}</p>
      ) : (
        <ul className="fv-disagreements" data-testid="fv-disagreements">
          {c.disagree.slice(0, MAX_DISAGREEMENTS).map((i) => {
            const label = run.digits ? run.digits.labels.data[i] : null;
            const text = t.disagreeItem(label, c.float.predictions[i], c.int8.predictions[i]);
            return (
              <li key={i}>
                {run.digits && (
                  <PixelImage
                    pixels={run.digits.images.data.subarray(i * 64, i * 64 + 64)}
                    width={8}
                    height={8}
                    max={16}
                    size={6}
                    label={t.digitAlt(label)}
                  />
                )}
                <span>{text}</span>
              </li>
            );
          })}
        </ul>
      )}

      <Layers run={run} />
    </div>
  );
}

function Accuracy({ score, variant }: { score: ClassificationScore; variant: string }) {
  const t = useStrings(strings);
  const lang = useLang();
  return (
    <td data-value={score.correct / score.total} data-variant={variant}>
      {t.accuracyValue(
        formatNumber(lang, (100 * score.correct) / score.total, 2),
        score.correct,
        score.total,
      )}
    </td>
  );
}

function Confusion({ score, title, testId }: { score: ClassificationScore; title: string; testId: string }) {
  const t = useStrings(strings);
  const max = Math.max(...score.confusion.flat());
  return (
    <div className="widget-table-wrap" tabIndex={0} role="region" aria-label={title}>
      <table className="fv-confusion" data-testid={testId}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" className="fv-corner">
              {t.truth} \ {t.predicted}
            </th>
            {score.confusion.map((_, p) => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {score.confusion.map((row, l) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {row.map((n, p) => (
                <td
                  key={p}
                  className={n === 0 ? 'zero' : l === p ? 'hit' : 'miss'}
                  style={{ '--share': n / max } as CSSProperties}
                >
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Layers({ run }: { run: LabRun }) {
  const t = useStrings(strings);
  const lang = useLang();
  const { report, graph } = run;
  const overlay = useMemo<NodeOverlay>(
    () => ({
      title: t.sqnrLegend,
      values: sqnrByNodeKey(graph, report.layers),
      format: (v) => `${formatNumber(lang, v, 1)} dB`,
      aggregate: 'min',
    }),
    [graph, report, lang, t],
  );
  return (
    <>
      <h4 className="fv-heading">{t.layersTitle}</h4>
      <p className="fv-note">{t.layersCaption(report.quantizedNodes, run.analysisCount)}</p>
      <GraphView graph={graph} overlay={overlay} title={run.label} height="26rem" initialView="auto" />
      <details className="fv-layers">
        <summary>{t.layersTable}</summary>
        <div className="widget-table-wrap" tabIndex={0} role="region" aria-label={t.layersTable}>
          <table className="widget-table" data-testid="fv-layers">
            <thead>
              <tr>
                <th scope="col">{t.colLayer}</th>
                <th scope="col">{t.colOp}</th>
                <th scope="col">{t.colSqnr}</th>
                <th scope="col">{t.colCosine}</th>
              </tr>
            </thead>
            <tbody>
              {report.layers.map((l) => (
                <tr key={l.name}>
                  <th scope="row">{shortNodeName(l.name)}</th>
                  <td>{l.opType}</td>
                  <td data-value={l.sqnrDb}>{formatNumber(lang, l.sqnrDb, 1)}</td>
                  <td>{formatNumber(lang, l.cosine, 5)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {report.floatNodes.length > 0 && (
          <p className="fv-note">
            {t.floatNodes(report.floatNodes.length)}{' '}
            {report.floatNodes.map((n) => `${shortNodeName(n.name)} (${n.reason})`).join('; ')}
          </p>
        )}
      </details>
    </>
  );
}
