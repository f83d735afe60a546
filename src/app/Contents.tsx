// Sidebar table of contents, generated from content/.
import { NavLink } from 'react-router';
import { useStrings, type Lang } from '../ui/i18n';
import { usePlayground } from '../store/playground';
import { chapters, lessonKey, lessonPath } from './course';
import { appStrings } from './strings';

export function Contents({ lang }: { lang: Lang }) {
  const t = useStrings(appStrings);
  const progress = usePlayground((s) => s.progress);
  return (
    <nav aria-label={t.contents}>
      <ol className="toc">
        {chapters.map((chapter) => (
          <li key={chapter.slug}>
            <span className="toc-chapter">
              {t.chapter(chapter.order)} · {chapter.title[lang]}
            </span>
            <ol>
              {chapter.lessons.map((lesson) => {
                const ref = { chapter, lesson };
                const label = `${chapter.order}.${lesson.order} ${lesson.title[lang]}`;
                if (!lesson.files)
                  return (
                    <li key={lesson.slug} className="toc-coming">
                      {label} <span className="badge">{t.coming}</span>
                    </li>
                  );
                const read = Boolean(progress[lessonKey(ref)]);
                return (
                  <li key={lesson.slug}>
                    <NavLink to={lessonPath(lang, ref)}>
                      {label}
                      {read && (
                        <span className="read-mark" aria-label={t.visited}>
                          {' '}
                          ✓
                        </span>
                      )}
                    </NavLink>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </nav>
  );
}
