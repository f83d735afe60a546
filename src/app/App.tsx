import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './Layout';
import { Home } from './routes/Home';
import { Lesson, LessonLoadError, lessonLoader } from './routes/Lesson';
import { NotFound, NotFoundInLayout } from './routes/NotFound';
import { RootRedirect } from './routes/RootRedirect';
import { useLang } from '../ui/i18n';

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
        // first paint waits for the lesson module, so the page appears once, complete
        hydrateFallbackElement: null,
      },
      { path: '*', element: <LayoutNotFound /> },
    ],
  },
  { path: '*', element: <NotFound lang="en" /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
