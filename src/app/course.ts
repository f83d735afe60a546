// The course as generated from content/ (see scripts/vite/course.ts): lookups, routes, prev/next.
import type { ComponentType } from 'react';
import { chapters as generated } from 'virtual:course';
import type { ChapterEntry, LessonEntry } from '../../scripts/vite/course';
import type { Lang } from '../ui/i18n';

export const chapters = generated as ChapterEntry[];

export interface LessonRef {
  chapter: ChapterEntry;
  lesson: LessonEntry;
}

/** Every written lesson in reading order. */
export const writtenLessons: LessonRef[] = chapters.flatMap((chapter) =>
  chapter.lessons.filter((lesson) => lesson.files).map((lesson) => ({ chapter, lesson })),
);

export const lessonKey = (ref: LessonRef) => `${ref.chapter.slug}/${ref.lesson.slug}`;
export const lessonPath = (lang: Lang, ref: LessonRef) => `/${lang}/${lessonKey(ref)}`;

export function findLesson(chapterSlug: string, lessonSlug: string): LessonRef | null {
  const chapter = chapters.find((c) => c.slug === chapterSlug);
  const lesson = chapter?.lessons.find((l) => l.slug === lessonSlug && l.files);
  return chapter && lesson ? { chapter, lesson } : null;
}

export function neighbours(ref: LessonRef): { prev: LessonRef | null; next: LessonRef | null } {
  const i = writtenLessons.findIndex((r) => lessonKey(r) === lessonKey(ref));
  return { prev: writtenLessons[i - 1] ?? null, next: writtenLessons[i + 1] ?? null };
}

/** A compiled lesson: its body, and its frontmatter (remark-mdx-frontmatter), summary and objectives included. */
type MdxModule = {
  default: ComponentType<{ components?: Record<string, unknown> }>;
  frontmatter: { summary: string; objectives: string[] };
};
const loaders = import.meta.glob<MdxModule>('/content/**/*.mdx');

export function loadLesson(ref: LessonRef, lang: Lang): Promise<MdxModule> {
  const file = ref.lesson.files?.[lang];
  const load = file ? loaders[file] : undefined;
  if (!load) return Promise.reject(new Error(`no ${lang} text for lesson ${lessonKey(ref)}`));
  return load();
}
