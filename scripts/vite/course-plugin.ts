// Vite plugin: exposes readCourse(content/) as `virtual:course`, rebuilt when content/ changes.
import path from 'node:path';
import type { Plugin } from 'vite';
import { readCourse } from './course.ts';

const ID = 'virtual:course';
const RESOLVED = '\0' + ID;

export function coursePlugin(root: string): Plugin {
  const contentDir = path.join(root, 'content');
  return {
    name: 'inference-playground:course',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(contentDir);
      return `export const chapters = ${JSON.stringify(readCourse(contentDir))};`;
    },
    handleHotUpdate({ file, server }) {
      if (!file.startsWith(contentDir)) return;
      const mod = server.moduleGraph.getModuleById(RESOLVED);
      if (mod) server.moduleGraph.invalidateModule(mod);
    },
  };
}
