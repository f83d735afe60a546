// One lesson: header with objectives, the MDX body with its widgets, prev/next links.
// The MDX module is fetched by the route loader, so the page renders once, complete (no layout shift).
import { useEffect, type ComponentType } from 'react';
import { Link, useLoaderData, useRevalidator, useRouteError, type LoaderFunctionArgs } from 'react-router';
import { isLang, useLang, useStrings } from '../../ui/i18n';
import { markVisited } from '../../store/playground';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { LessonContext } from '../../ui/LessonContext';
import { findLesson, lessonKey, lessonPath, loadLesson, neighbours, type LessonRef } from '../course';
import { mdxComponents } from '../mdxComponents';
import { appStrings } from '../strings';
import { useDocumentTitle } from '../useDocumentTitle';
import { NotFoundInLayout } from './NotFound';

type Body = ComponentType<{ components?: Record<string, unknown> }>;
type LessonData = { ref: LessonRef; Body: Body; summary: string; objectives: string[] } | null;

export async function lessonLoader({ params }: LoaderFunctionArgs): Promise<LessonData> {
  const ref = findLesson(params.chapter ?? '', params.lesson ?? '');
  if (!ref || !isLang(params.lang)) return null;
  const mod = await loadLesson(ref, params.lang);
  const { summary, objectives } = mod.frontmatter;
  return { ref, Body: mod.default, summary, objectives };
}

export function Lesson() {
  const lang = useLang();
  const data = useLoaderData() as LessonData;
  if (!data) return <NotFoundInLayout lang={lang} />;
  return (
    <LessonPage
      key={`${lang}/${lessonKey(data.ref)}`}
      lessonRef={data.ref}
      Body={data.Body}
      summary={data.summary}
      objectives={data.objectives}
    />
  );
}

function LoadFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useStrings(appStrings);
  return (
    <div className="callout warning" role="alert">
      <p>{t.loadError}</p>
      <pre>{error instanceof Error ? error.message : String(error)}</pre>
      <button type="button" className="button" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  );
}

/** Shown when the lesson's module cannot be fetched (offline, a stale deployment). */
export function LessonLoadError() {
  const error = useRouteError();
  const { revalidate } = useRevalidator();
  return <LoadFailure error={error} onRetry={() => void revalidate()} />;
}

function LessonPage({
  lessonRef: ref,
  Body,
  summary,
  objectives,
}: {
  lessonRef: LessonRef;
  Body: Body;
  summary: string;
  objectives: string[];
}) {
  const lang = useLang();
  const t = useStrings(appStrings);
  const { prev, next } = neighbours(ref);
  const key = lessonKey(ref);
  useDocumentTitle(`${ref.lesson.title[lang]} · ${t.siteName}`);
  useEffect(() => {
    markVisited(key);
  }, [key]);

  return (
    <article className="lesson" data-testid="lesson" data-lesson={key}>
      <header className="lesson-header">
        <p className="eyebrow">
          <Link to={`/${lang}`}>{t.chapter(ref.chapter.order)}</Link> · {ref.chapter.title[lang]}
        </p>
        <h1>
          {ref.chapter.order}.{ref.lesson.order} {ref.lesson.title[lang]}
        </h1>
        <p className="summary">{summary}</p>
        <section className="objectives" aria-labelledby="objectives-title">
          <h2 id="objectives-title">{t.objectives}</h2>
          <ul>
            {objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      </header>
      <LessonContext.Provider value={key}>
        <div className="lesson-body">
          <ErrorBoundary fallback={(error, reset) => <LoadFailure error={error} onRetry={reset} />}>
            <Body components={mdxComponents} />
          </ErrorBoundary>
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
