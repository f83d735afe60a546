import { Link } from 'react-router';
import { LangContext, useStrings, type Lang } from '../../ui/i18n';
import { appStrings } from '../strings';
import { useDocumentTitle } from '../useDocumentTitle';

function NotFoundBody({ lang }: { lang: Lang }) {
  const t = useStrings(appStrings);
  useDocumentTitle(`${t.notFoundTitle} · ${t.siteName}`);
  return (
    <section className="not-found" data-testid="not-found">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <Link className="button primary" to={`/${lang}`}>
        {t.backHome}
      </Link>
    </section>
  );
}

/** 404 page; works inside the layout (lang known) and outside it (unknown first path segment). */
export function NotFound({ lang }: { lang: Lang }) {
  return (
    <LangContext.Provider value={lang}>
      <main id="main" className="standalone">
        <NotFoundBody lang={lang} />
      </main>
    </LangContext.Provider>
  );
}

export function NotFoundInLayout({ lang }: { lang: Lang }) {
  return <NotFoundBody lang={lang} />;
}
