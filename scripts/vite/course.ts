// Reads content/ into the course index (chapters, lessons, frontmatter in both languages).
// Used by the Vite plugin below (as the virtual module `virtual:course`) and by the content tests,
// so the table of contents, routes and prev/next links are generated from content/, never hand-listed.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
type Bilingual = Record<Lang, string>;

export interface LessonMeta {
  slug: string;
  order: number;
  title: Bilingual;
  summary: Bilingual;
  objectives: Record<Lang, string[]>;
  /** Path of each language's MDX file relative to the project root, e.g. /content/01-x/01-y/en.mdx. */
  files: Record<Lang, string> | null;
}
export interface ChapterMeta {
  slug: string;
  order: number;
  title: Bilingual;
  summary: Bilingual;
  lessons: LessonMeta[];
}

/** A lesson as the app's course index holds it: no summary or objectives (a lesson page reads its own). */
export type LessonEntry = Omit<LessonMeta, 'summary' | 'objectives'>;
export type ChapterEntry = Omit<ChapterMeta, 'lessons'> & { lessons: LessonEntry[] };

/**
 * The index every page loads (table of contents, routes, prev/next). Lessons' summaries and objectives are
 * left out: they are most of its text, only the lesson's own page shows them, and the lesson's module
 * carries them in its frontmatter.
 */
export function courseIndex(chapters: ChapterMeta[]): ChapterEntry[] {
  return chapters.map((c) => ({
    ...c,
    lessons: c.lessons.map(({ summary: _summary, objectives: _objectives, ...entry }) => entry),
  }));
}

const NUMBERED = /^(\d+)-([a-z0-9-]+)$/;

function fail(where: string, what: string): never {
  throw new Error(`content error in ${where}: ${what}`);
}

function readFrontmatter(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) fail(file, 'missing frontmatter (--- title/summary/objectives/order ---)');
  const data = YAML.parse(m[1]) as Record<string, unknown>;
  for (const key of ['title', 'summary', 'objectives', 'order'])
    if (!(key in data)) fail(file, `frontmatter lacks "${key}"`);
  if (!Array.isArray(data.objectives) || data.objectives.length === 0)
    fail(file, '"objectives" must be a non-empty list');
  // YAML reads an unquoted "a: b" as a mapping: the page would get an object where it prints text
  for (const [key, value] of [
    ['title', data.title],
    ['summary', data.summary],
    ...data.objectives.map((o, i) => [`objectives[${i}]`, o] as const),
  ] as const)
    if (typeof value !== 'string')
      fail(file, `"${key}" must be text, got ${JSON.stringify(value)} (quote text containing ": ")`);
  return data;
}

function bilingual(value: unknown, where: string): Bilingual {
  const v = value as Partial<Bilingual> | undefined;
  if (!v || typeof v.zh !== 'string' || typeof v.en !== 'string' || Object.keys(v).length !== 2)
    fail(where, `expected {zh: …, en: …}, got ${JSON.stringify(value)} (quote text containing commas)`);
  return { zh: v.zh, en: v.en };
}

/** The whole course as declared by content/: every chapter's syllabus, with written lessons filled in. */
export function readCourse(contentDir: string): ChapterMeta[] {
  const root = path.dirname(contentDir);
  const chapters: ChapterMeta[] = [];
  for (const dir of fs.readdirSync(contentDir).sort()) {
    const m = NUMBERED.exec(dir);
    const chapterDir = path.join(contentDir, dir);
    if (!m || !fs.statSync(chapterDir).isDirectory()) continue;
    const yamlFile = path.join(chapterDir, 'chapter.yaml');
    if (!fs.existsSync(yamlFile)) fail(chapterDir, 'missing chapter.yaml');
    const spec = YAML.parse(fs.readFileSync(yamlFile, 'utf8')) as {
      title: unknown;
      summary: unknown;
      syllabus: { slug: string; title: unknown }[];
    };
    const written = new Map<string, string>();
    for (const lessonDir of fs.readdirSync(chapterDir).sort()) {
      const lm = NUMBERED.exec(lessonDir);
      if (lm && fs.statSync(path.join(chapterDir, lessonDir)).isDirectory()) written.set(lm[2], lessonDir);
    }
    const lessons = (spec.syllabus ?? []).map((entry, i): LessonMeta => {
      const lessonDir = written.get(entry.slug);
      written.delete(entry.slug);
      const title = bilingual(entry.title, `${yamlFile} syllabus[${i}]`);
      if (!lessonDir)
        return {
          slug: entry.slug,
          order: i + 1,
          title,
          summary: { zh: '', en: '' },
          objectives: { zh: [], en: [] },
          files: null,
        };
      const files = {} as Record<Lang, string>;
      const fm = {} as Record<Lang, Record<string, unknown>>;
      for (const lang of LANGS) {
        const file = path.join(chapterDir, lessonDir, `${lang}.mdx`);
        if (!fs.existsSync(file))
          fail(path.join(chapterDir, lessonDir), `missing ${lang}.mdx (every lesson exists in zh and en)`);
        fm[lang] = readFrontmatter(file);
        files[lang] = '/' + path.relative(root, file).split(path.sep).join('/');
      }
      for (const lang of LANGS)
        if (Number(fm[lang].order) !== i + 1)
          fail(`${lessonDir}/${lang}.mdx`, `"order" must be ${i + 1}, its place in chapter.yaml's syllabus`);
      return {
        slug: entry.slug,
        order: i + 1,
        title: { zh: String(fm.zh.title), en: String(fm.en.title) },
        summary: { zh: String(fm.zh.summary), en: String(fm.en.summary) },
        objectives: {
          zh: (fm.zh.objectives as unknown[]).map(String),
          en: (fm.en.objectives as unknown[]).map(String),
        },
        files,
      };
    });
    for (const [slug, lessonDir] of written)
      fail(path.join(chapterDir, lessonDir), `lesson "${slug}" is not in chapter.yaml's syllabus`);
    chapters.push({
      slug: m[2],
      order: Number(m[1]),
      title: bilingual(spec.title, yamlFile),
      summary: bilingual(spec.summary, yamlFile),
      lessons,
    });
  }
  return chapters;
}
