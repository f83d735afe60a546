// A code editor: Monaco, loaded lazily on first use (about 3 MB, from this origin), with problems shown as
// editor markers and listed below as text; a plain textarea when Monaco cannot load. Keyboard: Monaco keeps
// Tab for indentation; Ctrl+M (⌃⇧M on macOS) toggles Tab to move the focus instead, as the hint says.
import { useEffect, useId, useRef, useState } from 'react';
import { defineStrings, useStrings } from './i18n';
import type { Monaco } from './monaco';
import './codeEditor.css';

type Editor = ReturnType<Monaco['editor']['create']>;

export interface EditorProblem {
  message: string;
  line: number;
  column: number;
  /** Default 'error'. */
  severity?: 'error' | 'warning';
}

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  /** Accessible name of the editor. */
  label: string;
  problems?: EditorProblem[];
  /** A Monaco language id, registered by `setup` when it is not built in. */
  language?: string;
  setup?: (monaco: Monaco) => void;
  height?: string;
  /** Ms to wait after the last keystroke before onChange. */
  debounceMs?: number;
}

const strings = defineStrings({
  en: {
    loading: 'Loading the editor…',
    fallback: 'The code editor could not be loaded, so this is a plain text box; it works the same.',
    keys: 'Tab indents; Ctrl+M switches Tab to moving the focus (and back).',
  },
  zh: {
    loading: '正在加载编辑器…',
    fallback: '代码编辑器加载失败，这里换成了纯文本框，功能相同。',
    keys: 'Tab 键用于缩进；按 Ctrl+M 切换为用 Tab 移动焦点（再按一次切回）。',
  },
});

let loading: Promise<Monaco> | null = null;

/** The editor's font size and theme from the page's presenter mode and colour theme (classes on <html>). */
function pageLook(): { fontSize: number; theme: 'vs' | 'vs-dark' } {
  const root = document.documentElement;
  return {
    fontSize: root.classList.contains('presenter') ? 18 : 13,
    theme: root.dataset.theme === 'dark' ? 'vs-dark' : 'vs',
  };
}
const loadMonaco = () => (loading ??= import('./monaco').then((m) => m.monaco));

export function CodeEditor({
  value,
  onChange,
  label,
  problems = [],
  language = 'plaintext',
  setup,
  height = '22rem',
  debounceMs = 400,
}: CodeEditorProps) {
  const t = useStrings(strings);
  const hintId = useId();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  // The fallback's text: follows a new value from outside, keeps the reader's edits otherwise.
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const latest = useRef({ onChange, debounceMs, value });
  useEffect(() => {
    latest.current = { onChange, debounceMs, value };
  });
  const timer = useRef(0);
  const pending = useRef<string | null>(null);
  const flush = () => {
    window.clearTimeout(timer.current);
    const text = pending.current;
    pending.current = null;
    if (text !== null) latest.current.onChange(text);
  };
  const emit = (text: string) => {
    window.clearTimeout(timer.current);
    pending.current = text;
    timer.current = window.setTimeout(flush, latest.current.debounceMs);
  };
  // An edit still waiting for its debounce is delivered when the editor goes away, never dropped.
  useEffect(() => flush, []);

  // Create the editor once Monaco is in.
  useEffect(() => {
    let disposed = false;
    loadMonaco()
      .then((monaco) => {
        if (disposed || !host.current) return;
        setup?.(monaco);
        monacoRef.current = monaco;
        const e = monaco.editor.create(host.current, {
          value: latest.current.value,
          language,
          automaticLayout: true,
          minimap: { enabled: false },
          guides: { indentation: false }, // a guide every two spaces of aligned continuation lines is noise
          // long lines (a row of weights) wrap rather than hide behind a horizontal scroll, above all on a phone
          wordWrap: 'on',
          wrappingIndent: 'indent',
          // Monaco dims the number of the line after a final newline on Linux: too faint for axe's contrast rule
          renderFinalNewline: 'on',
          scrollBeyondLastLine: false,
          fontSize: pageLook().fontSize,
          lineNumbersMinChars: 3,
          ariaLabel: label,
          theme: pageLook().theme,
        });
        e.onDidChangeModelContent(() => emit(e.getValue()));
        editor.current = e;
        setState('ready');
      })
      .catch(() => !disposed && setState('failed'));
    return () => {
      disposed = true;
      editor.current?.getModel()?.dispose();
      editor.current?.dispose();
      editor.current = null;
    };
    // the editor is created once; value, label and problems are pushed in by the effects below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Follow the page: the dark theme, and a larger font in presenter mode (13 px is unreadable on a projector).
  useEffect(() => {
    const monaco = monacoRef.current;
    const e = editor.current;
    if (!monaco || !e) return;
    const follow = () => {
      const look = pageLook();
      e.updateOptions({ fontSize: look.fontSize });
      monaco.editor.setTheme(look.theme);
    };
    const observer = new MutationObserver(follow);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'data-theme'],
    });
    return () => observer.disconnect();
  }, [state]);

  // A new value from outside (another model loaded) replaces the text; our own edits come back unchanged.
  useEffect(() => {
    const e = editor.current;
    if (e && e.getValue() !== value) e.setValue(value);
  }, [value, state]);

  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editor.current?.getModel();
    if (!monaco || !model) return;
    monaco.editor.setModelMarkers(
      model,
      'problems',
      problems.map((p) => ({
        severity: p.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
        message: p.message,
        startLineNumber: p.line,
        startColumn: p.column,
        endLineNumber: p.line,
        endColumn: model.getLineMaxColumn(Math.min(Math.max(p.line, 1), model.getLineCount())),
      })),
    );
  }, [problems, state]);

  return (
    <div className="code-editor" data-state={state} data-testid="code-editor">
      {state === 'failed' ? (
        <>
          <p className="code-editor-note">{t.fallback}</p>
          <textarea
            className="code-editor-fallback"
            value={draft}
            aria-label={label}
            spellCheck={false}
            style={{ height }}
            onChange={(e) => {
              setDraft(e.target.value);
              emit(e.target.value);
            }}
            data-testid="code-editor-fallback"
          />
        </>
      ) : (
        <>
          {state === 'loading' && (
            <p className="code-editor-note" role="status">
              {t.loading}
            </p>
          )}
          <div ref={host} className="code-editor-host" style={{ height }} aria-describedby={hintId} />
          <p id={hintId} className="code-editor-note">
            {t.keys}
          </p>
        </>
      )}
    </div>
  );
}
