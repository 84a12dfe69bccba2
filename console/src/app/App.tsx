import { lazy, Suspense, useEffect, useState } from "react";
import { BrowserRouter, Navigate, NavLink, Route, Routes, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { currentSession, onSessionChange, restore, signOut, type Session } from "../api/auth";
import { LANGUAGES } from "../i18n";
import { Loading } from "../components/ui";
import SignIn from "../screens/SignIn";
import { homeFor, screensFor, VERIFY } from "./screens";

// The enrolment page of a one-time link: outside the signed-in shell (the person has no account yet).
const Enrol = lazy(() => import("../screens/Enrol"));

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="visually-hidden">{t("app.language")}</span>
      <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)} aria-label={t("app.language")}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Shell({ session }: { session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = screensFor(session.role);
  const who = [session.username, t(`role.${session.role}`)].filter(Boolean).join(" · ");
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        <span className="whoami">{t("app.signedInAs", { who })}</span>
        <LanguageSwitch />
        <button
          type="button"
          className="secondary"
          onClick={() => void signOut().then(() => navigate("/", { replace: true }))}
        >
          {t("app.signOut")}
        </button>
      </header>
      <nav className="sidenav" aria-label={t("app.mainNav")}>
        <ul>
          {screens
            .filter((s) => s.nav !== false)
            .map((s) => (
              <li key={s.path}>
                <NavLink to={`/${s.path}`}>{t(s.label)}</NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Routes>
            {screens.map((s) => (
              <Route key={s.path} path={`/${s.path}`} element={<s.component />} />
            ))}
            <Route path="/" element={<Navigate to={homeFor(session.role)} replace />} />
            <Route path="*" element={<p role="alert">{t("app.notFound")}</p>} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

export default function App() {
  const [session, setSession] = useState<Session | null>(currentSession());
  const [restoring, setRestoring] = useState(true);
  useEffect(() => {
    const off = onSessionChange(setSession);
    void restore().finally(() => setRestoring(false));
    return () => {
      off();
    };
  }, []);
  return (
    <BrowserRouter basename="/console">
      {window.location.pathname.replace(/\/+$/, "") === "/console/enrol" ? (
        <Suspense fallback={<Loading />}><Enrol languageSwitch={<LanguageSwitch />} /></Suspense>
      ) : restoring ? (
        <main className="centered">
          <Loading />
        </main>
      ) : session ? (
        <Shell session={session} />
      ) : (
        <Routes>
          <Route path="/verify" element={<main className="centered"><Suspense fallback={<Loading />}><VERIFY languageSwitch={<LanguageSwitch />} /></Suspense></main>} />
          <Route path="*" element={<SignIn languageSwitch={<LanguageSwitch />} />} />
        </Routes>
      )}
    </BrowserRouter>
  );
}
