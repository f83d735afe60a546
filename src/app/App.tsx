import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './Layout';
import { Home } from './routes/Home';
import { Lesson, LessonLoadError, lessonLoader } from './routes/Lesson';
import { NotFound, NotFoundInLayout } from './routes/NotFound';
import { RootRedirect } from './routes/RootRedirect';
import { useLang } from '../ui/i18n';

/** The first paint waits for the lesson module (the page appears once, complete): an empty, busy main. */
const bootFallback = <main id="main" aria-busy="true" />;

function LayoutNotFound() {
  return <NotFoundInLayout lang={useLang()} />;
}

const router = createBrowserRouter([
  { path: '/', element: <RootRedirect /> },
  {
    path: '/:lang',
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      {
        path: ':chapter/:lesson',
        element: <Lesson />,
        loader: lessonLoader,
        errorElement: <LessonLoadError />,
        hydrateFallbackElement: bootFallback,
      },
      // hidden test page for the graph view (e2e, benchmarks): not in the contents, loaded only here
      {
        path: 'dev/graph-view',
        lazy: () => import('./routes/DevGraphView').then((m) => ({ Component: m.DevGraphView })),
        hydrateFallbackElement: bootFallback,
      },
      { path: '*', element: <LayoutNotFound /> },
    ],
  },
  { path: '*', element: <NotFound lang="en" /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
