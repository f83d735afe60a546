// The one component map for lessons: every tag a lesson may use is listed here.
// Widgets are loaded lazily so a lesson only downloads the widgets (and d3, onnxruntime-web…) it shows.
import { Suspense, lazy, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import { Callout } from '../ui/Callout';
import { Figure } from '../ui/Figure';
import { Term } from '../ui/Term';
import { Quiz, Question } from '../ui/Quiz';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LessonLinkContext } from '../ui/LessonRef';
import { useStrings } from '../ui/i18n';
import { LessonLink } from './LessonLink';
import { appStrings } from './strings';

function WidgetFrame({ children }: { children: ReactNode }) {
  const t = useStrings(appStrings);
  return (
    <ErrorBoundary
      fallback={(error) => (
        <div className="callout warning" role="alert">
          <p>{t.widgetError}</p>
          <pre>{error.message}</pre>
        </div>
      )}
    >
      <LessonLinkContext.Provider value={LessonLink}>
        <Suspense
          fallback={
            <div className="widget-loading" role="status" aria-busy="true">
              {t.loadingWidget}
            </div>
          }
        >
          {children}
        </Suspense>
      </LessonLinkContext.Provider>
    </ErrorBoundary>
  );
}

/** A lesson widget: lazily loaded, with a loading placeholder, and isolated so that its failure stays local. */
function widget<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  const Lazy = lazy(load) as unknown as ComponentType<P>;
  return function Widget(props: P) {
    return (
      <WidgetFrame>
        <Lazy {...props} />
      </WidgetFrame>
    );
  };
}

const widgets = {
  ArchitectureExplorer: widget(() => import('../widgets/ArchitectureExplorer/View')),
  BatchLatency: widget(() => import('../widgets/BatchLatency/View')),
  GraphOptimizer: widget(() => import('../widgets/GraphOptimizer/View')),
  ConvBasics: widget(() => import('../widgets/ConvBasics/View')),
  Im2colStepper: widget(() => import('../widgets/Im2colStepper/View')),
  IndirectConv: widget(() => import('../widgets/IndirectConv/View')),
  LayoutViewer: widget(() => import('../widgets/LayoutViewer/View')),
  LoopLab: widget(() => import('../widgets/LoopLab/View')),
  WinogradStepper: widget(() => import('../widgets/WinogradStepper/View')),
  QuantExplorer: widget(() => import('../widgets/QuantExplorer/View')),
  FloatVsInt8: widget(() => import('../widgets/FloatVsInt8/View')),
  DrawDigit: widget(() => import('../widgets/DrawDigit/View')),
  Int8LayerKinds: widget(() => import('../widgets/Int8LayerKinds/View')),
  ZooTable: widget(() => import('../widgets/ZooTable/View')),
};

/** A code block may scroll sideways: it takes focus so that keyboard users can scroll it too. */
function CodeBlock(props: ComponentProps<'pre'>) {
  return <pre tabIndex={0} {...props} />;
}

export const mdxComponents = {
  pre: CodeBlock,
  Callout,
  Figure,
  Term,
  Quiz,
  Question,
  LessonLink,
  ...widgets,
};
