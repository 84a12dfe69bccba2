import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, signIn } from "../api/auth";
import { errorText, Field } from "../components/ui";
import { useQuery } from "../components/ui";

interface Info {
  serverInfo: { name: string; environment: string };
}

export default function SignIn({ languageSwitch }: { languageSwitch: ReactNode }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [otp, setOtp] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const info = useQuery<Info>("query ConsoleServerInfo { serverInfo { name environment } }");
  const demo = info.data && info.data.serverInfo.environment !== "production";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password, otp.trim() || undefined);
    } catch (e) {
      // A refused sign-in says nothing about which part was wrong, not even whether a code was needed (only a
      // code already used is named, to someone who held the password and a valid code).
      if (e instanceof ApiError && e.code === "UNAUTHENTICATED") setError(t("error.LOGIN_FAILED"));
      else setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered" id="main">
      <div className="signin card">
        <div className="signin-head">
          <h1>{t("signin.title")}</h1>
          {languageSwitch}
        </div>
        <p className="muted">{t("signin.intro")}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label={t("signin.username")}>
            <input name="username" autoComplete="username" required value={username} dir="ltr"
              onChange={(e) => setUsername(e.target.value)} />
          </Field>
          <Field label={t("signin.password")}>
            <input name="password" type="password" autoComplete="current-password" required value={password}
              onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <Field label={t("signin.otp")} hint={t("signin.otpHint")}>
            <input name="otp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6}
              dir="ltr" value={otp} onChange={(e) => setOtp(e.target.value)} />
          </Field>
          {error && (
            <div className="notice notice-error" role="alert">
              {error}
            </div>
          )}
          <button type="submit" disabled={busy || !username || !password}>
            {busy ? t("signin.busy") : t("signin.submit")}
          </button>
        </form>
        {demo && (
          <p className="muted small">
            {t("signin.demo", { names: "demo.coordinator, demo.caseworker, demo.partner, demo.judicial, demo.analyst, demo.admin" })}
          </p>
        )}
      </div>
    </main>
  );
}
