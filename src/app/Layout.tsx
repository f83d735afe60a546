// The page frame: header (language, theme, presenter), course contents, notices and shortcuts.
import { useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate, useNavigation, useParams } from 'react-router';
import { LangContext, isLang, useStrings, type Lang } from '../ui/i18n';
import { dismissNotice, setLang, setTheme, togglePresenter, usePlayground } from '../store/playground';
import { appStrings } from './strings';
import { findLesson, neighbours, lessonPath } from './course';
import { Contents } from './Contents';
import { ShortcutHelp } from './ShortcutHelp';
import { useShortcuts } from './useShortcuts';
import { NotFound } from './routes/NotFound';

/** The same page in the other language: /en/a/b ↔ /zh/a/b. */
export const otherLangPath = (pathname: string, lang: Lang) =>
  pathname.replace(/^\/(zh|en)(?=\/|$)/, `/${lang}`);

export function Layout() {
  const { lang } = useParams();
  if (!isLang(lang)) return <NotFound lang="en" />;
  return (
    <LangContext.Provider value={lang}>
      <Frame lang={lang} />
    </LangContext.Provider>
  );
}

function Frame({ lang }: { lang: Lang }) {
  const t = useStrings(appStrings);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const params = useParams();
  const theme = usePlayground((s) => s.theme) ?? 'light';
  const presenter = usePlayground((s) => s.presenter);
  const notice = usePlayground((s) => s.notice);
  const navigating = useNavigation().state === 'loading';
  const [menuOpen, setMenuOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const other: Lang = lang === 'zh' ? 'en' : 'zh';

  useEffect(() => {
    setLang(lang);
  }, [lang]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.documentElement.dataset.theme = theme;
    document.documentElement.classList.toggle('presenter', presenter);
  }, [lang, theme, presenter]);
  useEffect(() => {
    setMenuOpen(false);
  }, [pathname]);

  const shortcuts = useMemo(() => {
    const ref = params.chapter && params.lesson ? findLesson(params.chapter, params.lesson) : null;
    const { prev, next } = ref ? neighbours(ref) : { prev: null, next: null };
    return {
      n: () => next && navigate(lessonPath(lang, next)),
      p: () => prev && navigate(lessonPath(lang, prev)),
      l: () => navigate(otherLangPath(pathname, other)),
      t: () => setTheme(theme === 'dark' ? 'light' : 'dark'),
      f: togglePresenter,
      '?': () => setHelpOpen((v) => !v),
    };
  }, [params.chapter, params.lesson, lang, other, pathname, theme, navigate]);
  useShortcuts(shortcuts);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      {navigating && <div className="route-progress" role="progressbar" aria-label={t.loading} />}
      <header className="topbar">
        <button
          type="button"
          className="icon-button menu-button"
          aria-expanded={menuOpen}
          aria-controls="contents"
          onClick={() => setMenuOpen((v) => !v)}
        >
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">{menuOpen ? t.closeMenu : t.openMenu}</span>
        </button>
        <Link to={`/${lang}`} className="brand">
          {t.siteName}
        </Link>
        <nav className="topbar-actions" aria-label={t.shortcuts}>
          <Link
            className="button"
            to={otherLangPath(pathname, other)}
            hrefLang={other}
            lang={other === 'zh' ? 'zh-CN' : 'en'}
            title={t.switchLanguageLabel}
            data-testid="lang-switch"
          >
            {t.switchLanguage}
          </Link>
          <button
            type="button"
            className="button"
            aria-pressed={theme === 'dark'}
            onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            {theme === 'dark' ? t.themeLight : t.themeDark}
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={presenter}
            title={t.presenterHint}
            onClick={togglePresenter}
          >
            {t.presenter}
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t.shortcuts}
            onClick={() => setHelpOpen(true)}
          >
            ?
          </button>
        </nav>
      </header>
      {notice === 'corrupt' && (
        <div className="notice" role="status" data-testid="persist-notice">
          <span>{t.noticeCorrupt}</span>
          <button type="button" className="button" onClick={dismissNotice}>
            {t.dismiss}
          </button>
        </div>
      )}
      <div className="frame">
        <aside id="contents" className={menuOpen ? 'sidebar open' : 'sidebar'} aria-label={t.contents}>
          <Contents lang={lang} />
        </aside>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
