// Links from widgets to lessons. Widgets cannot import the app (which knows the course and the routes), so the
// app hands down the component that renders such a link; without it, the reference is shown as plain text.
import { createContext, useContext, type ComponentType, type ReactNode } from 'react';

export interface LessonRefProps {
  /** "chapter-slug/lesson-slug", e.g. "kernels/im2col". */
  to: string;
  /** Link text; the app uses the lesson's title in the reader's language when it is omitted. */
  children?: ReactNode;
}

const PlainRef = ({ to, children }: LessonRefProps) => <span>{children ?? to}</span>;

export const LessonLinkContext = createContext<ComponentType<LessonRefProps>>(PlainRef);

/** A link to a lesson, rendered by whatever component the app provides. */
export function LessonRef(props: LessonRefProps) {
  const Link = useContext(LessonLinkContext);
  return <Link {...props} />;
}
