// The public check of a training certificate: anyone holding its code sees the name on it, the course and the
// dates — nothing else. No sign-in (verifyCertificate is public).
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { gql } from "../api/graphql";
import { ErrorBox, Field, Ltr } from "../components/ui";
import { fmtDate } from "../i18n";

const VERIFY = `query ConsoleVerifyCertificate($code: String!) { verifyCertificate(code: $code) { nameOnCertificate course { text } startDate endDate } }`;
interface Verification { nameOnCertificate: string; course: { text: string }; startDate: string | null; endDate: string | null }

export default function VerifyCertificate({ languageSwitch }: { languageSwitch?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get("code") ?? "");
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const checked = useRef<string | null>(null);

  async function check(value: string) {
    checked.current = value;
    setBusy(true); setError(null); setResult(null);
    try { setResult((await gql<{ verifyCertificate: Verification }>(VERIFY, { code: value })).verifyCertificate); }
    catch (err) { setError(err); }
    finally { setBusy(false); }
  }
  // The answer (course title, or why the code is refused) comes in the page's language: ask again when it changes.
  useEffect(() => {
    if (checked.current) void check(checked.current);
  }, [i18n.language]);
  return (
    <section className="card verify" aria-labelledby="verify-title">
      <div className="signin-head">
        <h1 id="verify-title">{t("verify.title")}</h1>
        {languageSwitch}
      </div>
      <p className="muted">{t("verify.intro")}</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        await check(code.trim());
      }}>
        <Field label={t("verify.code")}>
          <input name="code" dir="ltr" required maxLength={64} autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy || !code.trim()}>{t("verify.check")}</button>
      </form>
      <ErrorBox error={error} />
      {result && (
        <div className="notice notice-ok" role="status">
          <p><strong>{t("verify.valid")}</strong></p>
          <dl className="facts">
            <dt>{t("verify.name")}</dt><dd>{result.nameOnCertificate}</dd>
            <dt>{t("verify.course")}</dt><dd>{result.course.text}</dd>
            <dt>{t("verify.dates")}</dt><dd>{t("auth.range", { from: fmtDate(result.startDate), to: fmtDate(result.endDate) })}</dd>
            <dt>{t("verify.code")}</dt><dd><Ltr>{checked.current}</Ltr></dd>
          </dl>
        </div>
      )}
    </section>
  );
}
