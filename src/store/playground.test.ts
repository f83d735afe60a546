import { describe, expect, it } from 'vitest';
import { safeJsonStorage } from './persistence';
import { sanitize } from './playground';

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('safeJsonStorage', () => {
  it('reads back what it wrote', () => {
    const backend = memoryStorage();
    const storage = safeJsonStorage<{ a: number }>(() => backend);
    storage.setItem('k', { state: { a: 1 }, version: 1 });
    expect(storage.getItem('k')).toEqual({ state: { a: 1 }, version: 1 });
    expect(storage.notice()).toBeNull();
  });

  it.each(['{"state": {', 'null', '"text"', '{"version": 1}', '{"state": 3}'])(
    'resets unreadable state %s with a notice',
    (raw) => {
      const backend = memoryStorage({ k: raw });
      const storage = safeJsonStorage(() => backend);
      expect(storage.getItem('k')).toBeNull();
      expect(storage.notice()).toBe('corrupt');
      expect(backend.getItem('k')).toBeNull();
    },
  );

  it('survives a storage that throws', () => {
    const storage = safeJsonStorage(() => {
      throw new Error('SecurityError');
    });
    expect(storage.getItem('k')).toBeNull();
    expect(() => storage.setItem('k', { state: {}, version: 1 })).not.toThrow();
  });
});

describe('sanitize', () => {
  it('keeps well-formed fields', () => {
    const saved = {
      lang: 'zh',
      theme: 'dark',
      presenter: true,
      progress: { 'a/b': { visitedAt: 5, answers: { q1: 2 } } },
    };
    expect(sanitize(saved)).toEqual({ state: saved, dropped: false });
  });

  it('drops malformed fields and reports it', () => {
    const { state, dropped } = sanitize({
      lang: 'fr',
      theme: 7,
      progress: { 'a/b': { visitedAt: 'x' }, 'c/d': { visitedAt: 1, answers: {} } },
    });
    expect(dropped).toBe(true);
    expect(state).toEqual({ progress: { 'c/d': { visitedAt: 1, answers: {} } } });
  });

  it('treats a first visit (nothing saved) as clean', () => {
    expect(sanitize(undefined)).toEqual({ state: {}, dropped: false });
  });
});
