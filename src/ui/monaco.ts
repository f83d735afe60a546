// Monaco, bundled and served from the app's own origin (DESIGN.md, Monaco offline): the bare editor API
// plus the few features our editors use, and its one web worker. Imported only through a dynamic import()
// in CodeEditor.tsx, so a page without an editor never downloads any of it.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export type Monaco = typeof monaco;
export { monaco };
