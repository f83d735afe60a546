// The app's persisted state: preferences (language, theme, presenter mode) and reading progress.
// Actions are plain functions outside the hook so that widgets and tests can call them directly.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { safeJsonStorage, type PersistNotice } from './persistence';

export type Lang = 'zh' | 'en';
export type Theme = 'light' | 'dark';

export interface LessonProgress {
  /** First time the lesson was opened (ms since epoch). */
  visitedAt: number;
  /** quiz question id → chosen answer index */
  answers: Record<string, number>;
}

export interface PlaygroundState {
  lang: Lang | null;
  theme: Theme | null;
  presenter: boolean;
  progress: Record<string, LessonProgress>;
  /** Not persisted: set when saved state was unreadable and has been reset. */
  notice: PersistNotice;
}

const initial: PlaygroundState = { lang: null, theme: null, presenter: false, progress: {}, notice: null };

const isLang = (v: unknown): v is Lang => v === 'zh' || v === 'en';
const isTheme = (v: unknown): v is Theme => v === 'light' || v === 'dark';

/** Keeps only well-formed fields of a saved state; reports whether anything had to be dropped. */
export function sanitize(saved: unknown): { state: Partial<PlaygroundState>; dropped: boolean } {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Record<string, unknown>;
  let dropped = saved != null && typeof saved !== 'object';
  const state: Partial<PlaygroundState> = {};
  if (isLang(s.lang)) state.lang = s.lang;
  else if (s.lang != null) dropped = true;
  if (isTheme(s.theme)) state.theme = s.theme;
  else if (s.theme != null) dropped = true;
  if (typeof s.presenter === 'boolean') state.presenter = s.presenter;
  else if (s.presenter != null) dropped = true;
  if (s.progress != null) {
    const progress: Record<string, LessonProgress> = {};
    if (typeof s.progress !== 'object') dropped = true;
    else
      for (const [key, value] of Object.entries(s.progress as Record<string, unknown>)) {
        const v = value as Partial<LessonProgress> | null;
        const answersOk =
          v &&
          typeof v.answers === 'object' &&
          v.answers !== null &&
          Object.values(v.answers).every(Number.isInteger);
        if (v && typeof v.visitedAt === 'number' && answersOk)
          progress[key] = { visitedAt: v.visitedAt, answers: { ...v.answers } };
        else dropped = true;
      }
    state.progress = progress;
  }
  return { state, dropped };
}

const storage = safeJsonStorage<Partial<PlaygroundState>>(() => globalThis.localStorage);
export const STORAGE_KEY = 'inference-playground';

export const usePlayground = create<PlaygroundState>()(
  persist(() => initial, {
    name: STORAGE_KEY,
    version: 1,
    storage,
    partialize: ({ lang, theme, presenter, progress }) => ({ lang, theme, presenter, progress }),
    // Older or newer saved versions go through sanitize() like any other saved state.
    migrate: (saved) => saved as Partial<PlaygroundState>,
    merge(persisted, current) {
      const { state, dropped } = sanitize(persisted);
      const notice = dropped ? 'corrupt' : storage.notice();
      return { ...current, ...state, notice };
    },
    onRehydrateStorage: () => (_state, error) => {
      if (error || storage.notice()) usePlayground.setState({ notice: 'corrupt' });
    },
  }),
);

export const setLang = (lang: Lang) => usePlayground.setState({ lang });
export const setTheme = (theme: Theme) => usePlayground.setState({ theme });
export const togglePresenter = () => usePlayground.setState((s) => ({ presenter: !s.presenter }));
export const dismissNotice = () => usePlayground.setState({ notice: null });

export function markVisited(lessonKey: string) {
  usePlayground.setState((s) =>
    s.progress[lessonKey]
      ? s
      : { progress: { ...s.progress, [lessonKey]: { visitedAt: Date.now(), answers: {} } } },
  );
}

export function answerQuestion(lessonKey: string, questionId: string, choice: number) {
  usePlayground.setState((s) => {
    const lesson = s.progress[lessonKey] ?? { visitedAt: Date.now(), answers: {} };
    return {
      progress: {
        ...s.progress,
        [lessonKey]: { ...lesson, answers: { ...lesson.answers, [questionId]: choice } },
      },
    };
  });
}

export function resetAnswers(lessonKey: string) {
  usePlayground.setState((s) => {
    const lesson = s.progress[lessonKey];
    return lesson ? { progress: { ...s.progress, [lessonKey]: { ...lesson, answers: {} } } } : s;
  });
}

export function resetProgress() {
  usePlayground.setState({ progress: {} });
}
