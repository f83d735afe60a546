declare module 'virtual:course' {
  /** content/ as read by scripts/vite/course.ts (typed as ChapterMeta[] in src/app/course.ts). */
  export const chapters: unknown;
}
