declare module 'virtual:course' {
  /** courseIndex(readCourse(content/)) of scripts/vite/course.ts (typed as ChapterEntry[] in src/app/course.ts). */
  export const chapters: unknown;
}
