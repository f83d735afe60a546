// Choosing the input model: a zoo model (the list comes from the manifest, which View.tsx fetches), one of the small text examples, or the reader's own .onnx file (button or drag and drop, the
// drop target being the whole widget, see View.tsx).
import { useId, useRef } from 'react';
import type { ZooModel } from '../../engine';
import { useLang, useStrings } from '../../ui/i18n';
import { EXAMPLES, EXAMPLE_PREFIX } from './examples';
import { strings } from './strings';

export function ModelPicker({
  value,
  zoo,
  failure,
  onPick,
  onFile,
  disabled,
}: {
  /** The zoo's models, once the manifest is in; `failure` says why it is not. */
  zoo: ZooModel[] | null;
  failure: string | null;
  /** The zoo id or `example:<id>` chosen, or '' for a file of the reader's. */
  value: string;
  onPick: (id: string, entry: ZooModel | null) => void;
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="go-picker">
      <label className="go-field" htmlFor={id}>
        <span>{t.model}</span>
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = e.target.value;
          onPick(v, zoo?.find((m) => m.id === v) ?? null);
        }}
        data-testid="model-select"
      >
        {value === '' && <option value="">{t.ownFile}</option>}
        <optgroup label={t.zooGroup}>
          {(zoo ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.id} — {m.description[lang]}
            </option>
          ))}
          {!zoo && !value.startsWith(EXAMPLE_PREFIX) && value !== '' && (
            <option value={value}>{value}</option>
          )}
        </optgroup>
        <optgroup label={t.examplesGroup}>
          {EXAMPLES.map((e) => (
            <option key={e.id} value={EXAMPLE_PREFIX + e.id}>
              {e.title[lang]}
            </option>
          ))}
        </optgroup>
      </select>
      <button type="button" className="button" onClick={() => fileInput.current?.click()} disabled={disabled}>
        {t.openFile}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".onnx,application/octet-stream"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
      <span className="go-hint">{t.dropHint}</span>
      {failure && (
        <p className="go-message error" role="alert">
          {t.manifestFailed(failure)}
        </p>
      )}
    </div>
  );
}
