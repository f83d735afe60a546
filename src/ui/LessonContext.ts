import { createContext, useContext } from 'react';

/** The key ("chapter/lesson") of the lesson a component is rendered in; quizzes store answers under it. */
export const LessonContext = createContext<string>('');
export const useLessonKey = () => useContext(LessonContext);
