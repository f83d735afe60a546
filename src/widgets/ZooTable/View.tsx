// <ZooTable models={['digits-teacher', 'digits-student']} />: facts about zoo models read from the
// manifest at run time (parameters, file size, MACs, test accuracy), so a lesson never types a number in.
// The first model is the reference the others' parameters and sizes are compared with.
import { useEffect, useState } from 'react';
import type { ZooModel } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { loadManifest } from '../../workers/modelZoo';
import { strings } from './strings';
import '../../ui/widget.css';
import { useErrorText } from '../../ui/errorText';

export interface ZooTableProps {
  models: string[];
}

type State = { kind: 'loading' } | { kind: 'ready'; rows: ZooModel[] } | { kind: 'error'; message: string };

export default function ZooTable({ models }: ZooTableProps) {
  const t = useStrings(strings);
  const lang = useLang();
  const describeError = useErrorText();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const key = models.join(',');

  useEffect(() => {
    const abort = new AbortController();
    loadManifest(import.meta.env.BASE_URL, abort.signal)
      .then((m) => {
        const ids = key.split(',');
        const rows = ids.map((id) => m.models.find((x) => x.id === id));
        const missing = ids.filter((_, i) => !rows[i]);
        if (missing.length) throw new Error(`no model ${missing.join(', ')} in the zoo`);
        setState({ kind: 'ready', rows: rows as ZooModel[] });
      })
      .catch((e: unknown) => !abort.signal.aborted && setState({ kind: 'error', message: describeError(e) }));
    return () => abort.abort();
  }, [key, describeError]);

  if (state.kind !== 'ready')
    return (
      <p className={state.kind === 'error' ? 'widget-message error' : 'widget-message'} role="status">
        {state.kind === 'error' ? t.failed(state.message) : t.loading}
      </p>
    );
  const [reference] = state.rows;
  const ratio = (v: number, ref: number) =>
    v === ref ? '' : ` ${t.relative(formatNumber(lang, v / ref, v / ref < 0.1 ? 3 : 2))}`;
  return (
    <div className="widget-table-wrap" tabIndex={0} role="region" aria-label={t.caption}>
      <table className="widget-table" data-testid="zoo-table">
        <caption>{t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colModel}</th>
            <th scope="col">{t.colWhat}</th>
            <th scope="col">{t.colParams}</th>
            <th scope="col">{t.colSize}</th>
            <th scope="col">{t.colMacs}</th>
            <th scope="col">{t.colAccuracy}</th>
          </tr>
        </thead>
        <tbody>
          {state.rows.map((m) => (
            <tr key={m.id} data-model={m.id}>
              <th scope="row">{m.id}</th>
              <td className="zoo-what">{m.description[lang]}</td>
              <td>
                {formatNumber(lang, m.params)}
                {ratio(m.params, reference.params)}
              </td>
              <td>
                {formatNumber(lang, m.bytes / 1024, 1)} KB{ratio(m.bytes, reference.bytes)}
              </td>
              <td>{formatNumber(lang, m.macs)}</td>
              <td data-value={m.accuracy?.percent ?? ''}>
                {m.accuracy
                  ? t.accuracy(
                      formatNumber(lang, m.accuracy.percent, 2),
                      m.accuracy.correct,
                      m.accuracy.total,
                    )
                  : t.none}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
