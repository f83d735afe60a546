import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseIndex, readCourse } from './course.ts';

const contentDir = path.resolve(__dirname, '../../content');
const course = readCourse(contentDir);
const written = course.flatMap((c) =>
  c.lessons.filter((l) => l.files).map((l) => ({ chapter: c.slug, lesson: l })),
);
const root = path.dirname(contentDir);
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The structure of a lesson that both languages must share: section headings, widget tags, quiz question ids. */
function skeleton(mdx: string) {
  const body = mdx.replace(/^---[\s\S]*?---/, '').replace(/```[\s\S]*?```/g, '');
  return {
    sections: (body.match(/^#{2,3} /gm) ?? []).length,
    tags: [...body.matchAll(/<([A-Z][A-Za-z]*)/g)].map((m) => m[1]),
    questions: [...body.matchAll(/<Question\s+id="([^"]+)"/g)].map((m) => m[1]),
  };
}

describe('content/', () => {
  it('declares the six chapters of the course', () => {
    expect(course.map((c) => c.order)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of course) expect(c.lessons.length).toBeGreaterThan(0);
  });

  it.each(written.map((w) => [`${w.chapter}/${w.lesson.slug}`, w.lesson] as const))(
    '%s has the same structure, widgets and quiz in zh and en',
    (_name, lesson) => {
      const zh = skeleton(read(lesson.files!.zh));
      const en = skeleton(read(lesson.files!.en));
      expect(zh).toEqual(en);
      expect(lesson.objectives.zh.length).toBe(lesson.objectives.en.length);
    },
  );

  it('leaves lesson summaries and objectives out of the index every page loads, and nothing else', () => {
    const index = courseIndex(course);
    for (const [c, chapter] of index.entries())
      for (const [l, lesson] of chapter.lessons.entries()) {
        expect(lesson).not.toHaveProperty('objectives');
        expect(lesson).not.toHaveProperty('summary');
        const { objectives: _objectives, summary: _summary, ...rest } = course[c].lessons[l];
        expect(lesson).toEqual(rest);
      }
  });

  it('rejects a lesson missing one language', () => {
    const tmp = fs.mkdtempSync(path.join(fs.mkdtempSync('/tmp/course-'), 'content'));
    fs.mkdirSync(path.join(tmp, '01-x/01-y'), { recursive: true });
    fs.writeFileSync(
      path.join(tmp, '01-x/chapter.yaml'),
      'title: {zh: 甲, en: A}\nsummary: {zh: 甲, en: A}\nsyllabus:\n  - {slug: y, title: {zh: 乙, en: B}}\n',
    );
    fs.writeFileSync(
      path.join(tmp, '01-x/01-y/en.mdx'),
      '---\ntitle: B\nsummary: s\nobjectives: [o]\norder: 1\n---\n',
    );
    expect(() => readCourse(tmp)).toThrow(/missing zh\.mdx/);
  });
  it('rejects an objective that YAML reads as a mapping (an unquoted "a: b")', () => {
    const tmp = fs.mkdtempSync(path.join(fs.mkdtempSync('/tmp/course-'), 'content'));
    fs.mkdirSync(path.join(tmp, '01-x/01-y'), { recursive: true });
    fs.writeFileSync(
      path.join(tmp, '01-x/chapter.yaml'),
      'title: {zh: 甲, en: A}\nsummary: {zh: 甲, en: A}\nsyllabus:\n  - {slug: y, title: {zh: 乙, en: B}}\n',
    );
    for (const lang of ['zh', 'en'])
      fs.writeFileSync(
        path.join(tmp, `01-x/01-y/${lang}.mdx`),
        '---\ntitle: B\nsummary: s\nobjectives:\n  - Do this: then that\norder: 1\n---\n',
      );
    expect(() => readCourse(tmp)).toThrow(/"objectives\[0\]" must be text/);
  });
});
