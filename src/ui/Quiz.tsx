// A short quiz: each question is answered once by clicking a choice; the answer, whether it was right
// and the explanation are shown at once, and answers persist with the reading progress.
import { Children, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { answerQuestion, resetAnswers, usePlayground } from '../store/playground';
import { defineStrings, useStrings } from './i18n';
import { useLessonKey } from './LessonContext';

const strings = defineStrings({
  en: {
    quiz: 'Check your understanding',
    correct: 'Correct.',
    wrong: (right: string) => `Not quite — the answer is: ${right}.`,
    score: (right: number, answered: number, total: number) =>
      `${right} of ${total} correct (${answered} answered)`,
    retry: 'Reset answers',
  },
  zh: {
    quiz: '小测验',
    correct: '回答正确。',
    wrong: (right: string) => `不对——正确答案是：${right}。`,
    score: (right: number, answered: number, total: number) =>
      `共 ${total} 题，已答 ${answered} 题，答对 ${right} 题`,
    retry: '重新作答',
  },
});

interface QuestionProps {
  id: string;
  choices: string[];
  answer: number;
  explanation: ReactNode;
  children: ReactNode;
}

export function Question({ id, choices, answer, explanation, children }: QuestionProps) {
  const t = useStrings(strings);
  const lessonKey = useLessonKey();
  const chosen = usePlayground((s) => s.progress[lessonKey]?.answers[id]);
  const name = useId();
  const answered = chosen !== undefined;
  return (
    <fieldset className="question" data-testid={`question-${id}`}>
      <legend>{children}</legend>
      {choices.map((choice, i) => {
        const state = !answered ? '' : i === answer ? 'right' : i === chosen ? 'wrong' : '';
        return (
          <label key={i} className={`choice ${state}`}>
            <input
              type="radio"
              name={name}
              value={i}
              checked={chosen === i}
              disabled={answered}
              onChange={() => answerQuestion(lessonKey, id, i)}
            />
            <span>{choice}</span>
          </label>
        );
      })}
      {answered && (
        <div
          className={`feedback ${chosen === answer ? 'right' : 'wrong'}`}
          role="status"
          data-testid={`feedback-${id}`}
        >
          <strong>{chosen === answer ? t.correct : t.wrong(choices[answer])}</strong> {explanation}
        </div>
      )}
    </fieldset>
  );
}

export function Quiz({ children }: { children: ReactNode }) {
  const t = useStrings(strings);
  const lessonKey = useLessonKey();
  const answers = usePlayground((s) => s.progress[lessonKey]?.answers ?? {});
  const questions = Children.toArray(children).filter(
    (c): c is ReactElement<QuestionProps> =>
      isValidElement(c) && typeof (c.props as QuestionProps).id === 'string',
  );
  const answered = questions.filter((q) => answers[q.props.id] !== undefined);
  const right = answered.filter((q) => answers[q.props.id] === q.props.answer).length;
  return (
    <section className="quiz" aria-label={t.quiz} data-testid="quiz">
      <h2>{t.quiz}</h2>
      {children}
      <p className="quiz-score" aria-live="polite" data-testid="quiz-score">
        {t.score(right, answered.length, questions.length)}
        {answered.length > 0 && (
          <button type="button" className="button" onClick={() => resetAnswers(lessonKey)}>
            {t.retry}
          </button>
        )}
      </p>
    </section>
  );
}
