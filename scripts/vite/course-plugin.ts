// Vite plugin: exposes the course index of content/ as `virtual:course`, rebuilt when content/ changes.
import path from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { courseIndex, readCourse } from './course.ts';

const ID = 'virtual:course';
const RESOLVED = '\0' + ID;

export function coursePlugin(root: string): Plugin {
  const contentDir = path.join(root, 'content');
  const invalidate = (server: ViteDevServer) => {
    const mod = server.moduleGraph.getModuleById(RESOLVED);
    if (mod) server.moduleGraph.invalidateModule(mod);
  };
  return {
    name: 'inference-playground:course',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) =>
      id === RESOLVED
        ? `export const chapters = ${JSON.stringify(courseIndex(readCourse(contentDir)))};`
        : undefined,
    configureServer(server) {
      // a new or removed lesson, or an edited syllabus, changes the table of contents: reload the page
      server.watcher.on('all', (event, file) => {
        if (!file.startsWith(contentDir) || (event === 'change' && !file.endsWith('.yaml'))) return;
        invalidate(server);
        server.ws.send({ type: 'full-reload' });
      });
    },
    handleHotUpdate({ file, server }) {
      // an edited lesson hot-reloads its body; its frontmatter reaches the course index on the next load
      if (file.startsWith(contentDir)) invalidate(server);
    },
  };
}
