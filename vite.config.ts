import path from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdxFrontmatter from 'remark-mdx-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeHighlight from 'rehype-highlight';
import { coursePlugin } from './scripts/vite/course-plugin.ts';
import rehypeRowHeaders from './scripts/vite/rehype-row-headers.ts';

const root = path.dirname(new URL(import.meta.url).pathname);

// onnxruntime-web needs cross-origin isolation (SharedArrayBuffer) for its threaded wasm.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [
    coursePlugin(root),
    {
      enforce: 'pre',
      ...mdx({
        remarkPlugins: [remarkFrontmatter, remarkMdxFrontmatter, remarkGfm, remarkMath],
        // Math and code are rendered at build time: no KaTeX or highlighter JavaScript ships to the page.
        rehypePlugins: [
          [rehypeKatex, { throwOnError: true, strict: 'ignore' }],
          rehypeHighlight,
          rehypeRowHeaders,
        ],
      }),
    },
    react({ include: /\.(mdx|tsx|ts)$/ }),
  ],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, reportCompressedSize: false },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
