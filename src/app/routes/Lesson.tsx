// One lesson: header with objectives, the MDX body with its widgets, prev/next links.
import { useEffect, useState, type ComponentType } from 'react';
import { Link, useParams } from 'react-router';
import { useLang, useStrings } from '../../ui/i18n';
import { markVisited } from '../../store/playground';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { findLesson, lessonKey, lessonPath, loadLesson, neighbours, type LessonRef } from '../course';
import { mdxComponents } from '../mdxComponents';
import { LessonContext } from '../../ui/LessonContext';
import { appStrings } from '../strings';
import { useDocumentTitle } from '../useDocumentTitle';
import { NotFoundInLayout } from './NotFound';

type Body = ComponentType<{ components?: Record<string, unknown> }>;
type LoadState = { status: 'loading' } | { status: 'ready'; Body: Body } | { status: 'error'; error: Error };

export function Lesson() {
  const lang = useLang();
  const { chapter = '', lesson = '' } = useParams();
  const ref = findLesson(chapter, lesson);
  if (!ref) return <NotFoundInLayout lang={lang} />;
  return <LessonPage key={`${lang}/${lessonKey(ref)}`} lessonRef={ref} />;
}

function LessonPage({ lessonRef: ref }: { lessonRef: LessonRef }) {
  const lang = useLang();
  const t = useStrings(appStrings);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { prev, next } = neighbours(ref);
  const key = lessonKey(ref);
  useDocumentTitle(`${ref.lesson.title[lang]} · ${t.siteName}`);

  useEffect(() => {
    markVisited(key);
  }, [key]);
  useEffect(() => {
    let live = true;
    loadLesson(ref, lang).then(
      (mod) => live && setState({ status: 'ready', Body: mod.default }),
      (error: Error) => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [ref, lang, attempt]);

  const failure = (error: Error, reset?: () => void) => (
    <div className="callout warning" role="alert">
      <p>{t.loadError}</p>
      <pre>{error.message}</pre>
      <button
        type="button"
        className="button"
        onClick={() => {
          reset?.();
          setState({ status: 'loading' });
          setAttempt((a) => a + 1);
        }}
      >
        {t.retry}
      </button>
    </div>
  );

  return (
    <article className="lesson" data-testid="lesson" data-lesson={key}>
      <header className="lesson-header">
        <p className="eyebrow">
          <Link to={`/${lang}`}>{t.chapter(ref.chapter.order)}</Link> · {ref.chapter.title[lang]}
        </p>
        <h1>
          {ref.chapter.order}.{ref.lesson.order} {ref.lesson.title[lang]}
        </h1>
        <p className="summary">{ref.lesson.summary[lang]}</p>
        <section className="objectives" aria-labelledby="objectives-title">
          <h2 id="objectives-title">{t.objectives}</h2>
          <ul>
            {ref.lesson.objectives[lang].map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      </header>
      <LessonContext.Provider value={key}>
        <div className="lesson-body">
          {state.status === 'loading' && (
            <p className="loading" role="status">
              {t.loading}
            </p>
          )}
          {state.status === 'error' && failure(state.error)}
          {state.status === 'ready' && (
            <ErrorBoundary fallback={failure}>
              <state.Body components={mdxComponents} />
            </ErrorBoundary>
          )}
        </div>
      </LessonContext.Provider>
      <nav className="pager" aria-label={`${t.prev} / ${t.next}`}>
        {prev ? (
          <Link className="pager-prev" to={lessonPath(lang, prev)} rel="prev">
            <span className="pager-label">← {t.prev}</span>
            <span>{prev.lesson.title[lang]}</span>
          </Link>
        ) : (
          <span />
        )}
        {next && (
          <Link className="pager-next" to={lessonPath(lang, next)} rel="next">
            <span className="pager-label">{t.next} →</span>
            <span>{next.lesson.title[lang]}</span>
          </Link>
        )}
      </nav>
    </article>
  );
}
