// The input graph as ONNX text, editable: every edit (debounced) is parsed in the Worker; a good parse
// becomes the input model and the passes run again, a bad one shows as an editor marker and a message.
import { useEffect, useMemo } from 'react';
import { CodeEditor } from '../../ui/CodeEditor';
import { useStrings } from '../../ui/i18n';
import { ONNX_TEXT, registerOnnxText } from './onnxTextLanguage';
import { strings } from './strings';
import type { TextState } from './useOptimizer';

export function TextPanel({
  text,
  onNeedText,
  onEdit,
}: {
  text: TextState;
  onNeedText: () => void;
  onEdit: (text: string) => void;
}) {
  const t = useStrings(strings);
  useEffect(() => {
    if (text.kind === 'none') onNeedText();
  }, [text.kind, onNeedText]);
  const problem = text.kind === 'ready' ? text.problem : null;
  const problems = useMemo(() => (problem ? [problem] : []), [problem]);
  const warning = problem?.severity === 'warning';
  if (text.kind !== 'ready')
    return (
      <p className="go-note" role="status">
        {t.parsing}
      </p>
    );
  return (
    <div className="go-text" data-testid="text-panel">
      <p className="go-note">{t.textIntro}</p>
      <CodeEditor
        value={text.text}
        onChange={onEdit}
        label={t.textLabel}
        problems={problems}
        language={ONNX_TEXT}
        setup={registerOnnxText}
      />
      <p
        className={`go-message${problem ? (warning ? ' warning' : ' error') : ''}`}
        role="status"
        data-testid="parse-status"
        data-state={text.parsing ? 'parsing' : problem ? (warning ? 'warning' : 'error') : 'ok'}
      >
        {text.parsing
          ? t.parsing
          : problem
            ? warning
              ? t.parseWarning(problem.line, problem.message)
              : t.parseError(problem.line, problem.column, problem.message)
            : t.parseOk}
      </p>
    </div>
  );
}
