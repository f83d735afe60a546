// The one component map for lessons: every tag a lesson may use is listed here.
// Widgets are loaded lazily so a lesson only downloads the widgets (and d3, onnxruntime-web…) it shows.
import { Callout } from '../ui/Callout';
import { Figure } from '../ui/Figure';
import { Term } from '../ui/Term';
import { Quiz, Question } from '../ui/Quiz';
import { LessonLink } from './LessonLink';

export const mdxComponents = {
  Callout,
  Figure,
  Term,
  Quiz,
  Question,
  LessonLink,
};

