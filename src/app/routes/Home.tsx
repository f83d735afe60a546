// Course home: all six chapters, written lessons linked, the rest marked "coming".
import { Link } from 'react-router';
import { useLang, useStrings } from '../../ui/i18n';
import { usePlayground } from '../../store/playground';
import { chapters, lessonKey, lessonPath, writtenLessons } from '../course';
import { appStrings } from '../strings';
import { useDocumentTitle } from '../useDocumentTitle';

export function Home() {
  const lang = useLang();
  const t = useStrings(appStrings);
  const progress = usePlayground((s) => s.progress);
  const read = writtenLessons.filter((ref) => progress[lessonKey(ref)]).length;
  const firstUnread = writtenLessons.find((ref) => !progress[lessonKey(ref)]) ?? writtenLessons[0];
  useDocumentTitle(t.siteName);
  return (
    <div className="home">
      <section className="hero">
        <h1>{t.siteName}</h1>
        <p className="tagline">{t.tagline}</p>
        <p>{t.intro}</p>
        {firstUnread && (
          <p>
            <Link className="button primary" to={lessonPath(lang, firstUnread)}>
              {read === 0 ? t.start : t.continueReading} → {firstUnread.lesson.title[lang]}
            </Link>
          </p>
        )}
        <div className="progress" aria-label={t.lessonsRead(read, writtenLessons.length)}>
          <progress max={Math.max(writtenLessons.length, 1)} value={read} aria-hidden="true" />
          <span>{t.lessonsRead(read, writtenLessons.length)}</span>
        </div>
      </section>
      <ol className="chapter-grid">
        {chapters.map((chapter) => (
          <li key={chapter.slug} className="chapter-card">
            <h2>
              <span className="chapter-number">{t.chapter(chapter.order)}</span> {chapter.title[lang]}
            </h2>
            <p>{chapter.summary[lang]}</p>
            <ol className="lesson-list">
              {chapter.lessons.map((lesson) => {
                const ref = { chapter, lesson };
                return (
                  <li key={lesson.slug}>
                    {lesson.files ? (
                      <Link to={lessonPath(lang, ref)}>
                        {chapter.order}.{lesson.order} {lesson.title[lang]}
                        {progress[lessonKey(ref)] && <span aria-label={t.visited}> ✓</span>}
                      </Link>
                    ) : (
                      <span className="coming">
                        {chapter.order}.{lesson.order} {lesson.title[lang]}{' '}
                        <span className="badge">{t.coming}</span>
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </div>
  );
}
