// Enrolment from a one-time link (/console/enrol#token=…): no sign-in. The token lives in the URL fragment, which
// browsers never send to a server (so no log holds it); it is read once, then wiped from the address bar.
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { gql } from "../api/graphql";
import { errorText, Field, Ltr } from "../components/ui";
import { otpSecret, QrCode } from "../components/QrCode";
import "./oversight.css";

const ENROL = `mutation ConsoleCompleteEnrolment($token: String!, $password: String!) {
  completeEnrolment(token: $token, password: $password) { username role otpauthUri }
}`;

interface Done {
  username: string;
  role: string;
  otpauthUri: string | null;
}

function readToken(): string {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const token = fragment.get("token") ?? "";
  if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  return token;
}
// Read once when the page loads (a double render in development must not lose it).
const TOKEN = readToken();

export default function Enrol({ languageSwitch }: { languageSwitch: ReactNode }) {
  const { t } = useTranslation();
  const token = TOKEN;
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (password !== again) {
      setError(t("enrol.mismatch"));
      return;
    }
    setBusy(true);
    try {
      setDone((await gql<{ completeEnrolment: Done }>(ENROL, { token, password })).completeEnrolment);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  const secret = done?.otpauthUri ? otpSecret(done.otpauthUri) : "";
  return (
    <main className="centered" id="main">
      <div className="enrol card">
        <div className="signin-head">
          <h1>{t("enrol.title")}</h1>
          {languageSwitch}
        </div>
        {!token && <div className="notice notice-error" role="alert">{t("enrol.noToken")}</div>}
        {token && !done && (
          <>
            <p className="muted">{t("enrol.intro")}</p>
            <form onSubmit={(e) => void submit(e)} noValidate>
              <Field label={t("enrol.password")} hint={t("enrol.policy", { minimum: 12 })}>
                <input name="new-password" type="password" autoComplete="new-password" required value={password}
                  onChange={(e) => setPassword(e.target.value)} />
              </Field>
              <Field label={t("enrol.again")}>
                <input name="new-password-again" type="password" autoComplete="new-password" required value={again}
                  onChange={(e) => setAgain(e.target.value)} />
              </Field>
              {error && <div className="notice notice-error" role="alert">{error}</div>}
              <button type="submit" disabled={busy || !password || !again}>{busy ? t("signin.busy") : t("enrol.submit")}</button>
            </form>
          </>
        )}
        {done && (
          <div>
            <div className="notice notice-ok" role="status">{t("enrol.done", { username: done.username })}</div>
            <p>{t("enrol.account")} <Ltr>{done.username}</Ltr> · {t(`role.${done.role}`)}</p>
            {done.otpauthUri ? (
              <>
                <h2>{t("enrol.totpTitle")}</h2>
                <p>{t("enrol.totpIntro")}</p>
                <QrCode value={done.otpauthUri} label={t("enrol.qrLabel")} />
                <p>{t("enrol.secretText")}</p>
                <p><Ltr><code className="secret" data-testid="totp-secret">{secret}</code></Ltr></p>
                <p className="warn small">{t("enrol.once")}</p>
              </>
            ) : (
              <p className="muted">{t("enrol.noTotp")}</p>
            )}
            <a className="button" href="/console/">{t("enrol.signIn")}</a>
          </div>
        )}
      </div>
    </main>
  );
}
