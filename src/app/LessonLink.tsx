import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLang } from '../ui/i18n';
import { chapters, lessonPath } from './course';

/**
 * A link to another lesson by slug ("chapter/lesson"), in the reader's language; unwritten lessons are plain text.
 * Without children, the link text is the lesson's (or chapter's) title.
 */
export function LessonLink({ to, children }: { to: string; children?: ReactNode }) {
  const lang = useLang();
  const [chapterSlug, lessonSlug] = to.split('/');
  const chapter = chapters.find((c) => c.slug === chapterSlug);
  const lesson = chapter?.lessons.find((l) => l.slug === lessonSlug);
  if (!chapter) throw new Error(`LessonLink: no chapter "${chapterSlug}"`);
  if (lessonSlug && !lesson) throw new Error(`LessonLink: no lesson "${to}"`);
  const text = children ?? (lesson ?? chapter).title[lang];
  if (!lesson) return <Link to={`/${lang}#${chapter.slug}`}>{text}</Link>;
  if (!lesson.files) return <span className="link-coming">{text}</span>;
  return <Link to={lessonPath(lang, { chapter, lesson })}>{text}</Link>;
}
