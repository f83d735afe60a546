// Safe persistence for zustand: state saved in localStorage is data from a previous visit (or a user
// who edited it), so it is parsed defensively. Anything unreadable is dropped and reported, never thrown.
import type { PersistStorage, StorageValue } from 'zustand/middleware';

export type PersistNotice = 'corrupt' | null;

export interface SafeStorage<S> extends PersistStorage<S> {
  /** Set when the saved state could not be read and was reset. */
  notice(): PersistNotice;
}

export function safeJsonStorage<S>(backend: () => Storage | undefined): SafeStorage<S> {
  let notice: PersistNotice = null;
  const store = () => {
    try {
      return backend();
    } catch {
      return undefined; // storage disabled (privacy mode, sandboxed iframe)
    }
  };
  return {
    notice: () => notice,
    getItem(name) {
      const raw = store()?.getItem(name);
      if (raw == null) return null;
      try {
        const parsed = JSON.parse(raw) as StorageValue<S>;
        if (
          typeof parsed !== 'object' ||
          parsed === null ||
          typeof parsed.state !== 'object' ||
          parsed.state === null
        )
          throw new Error('not a saved state');
        return parsed;
      } catch {
        notice = 'corrupt';
        store()?.removeItem(name);
        return null;
      }
    },
    setItem(name, value) {
      try {
        store()?.setItem(name, JSON.stringify(value));
      } catch {
        // quota exceeded or storage disabled: preferences simply do not persist
      }
    },
    removeItem: (name) => store()?.removeItem(name),
  };
}
