import { useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { ErrorBox, Loading, Ltr, StatusBadge, useMutation, useQuery } from "../components/ui";
import { enumLabel, fmtDate, label } from "../i18n";
import { CaseOversight, Consents } from "./CaseOversight";

const CASE = `query ConsoleCase($id: ID!) {
  case(id: $id) {
    id reference status governorate openedAt closedAt closeReason exploitationForms labourSector meansOfControl version
    owner { name code }
    victim { id alias sex ageBand minor nationality languages specialNeeds
      consents { id purpose valid grantedAt expiresAt revokedAt organization { name } } }
    referrals { id status urgency note createdAt respondedAt completedAt cancelledAt declineReason outcome
      service { name category organization { name } } }
  }
}`;

export interface CaseDetails {
  id: string;
  reference: string;
  status: string;
  governorate: string | null;
  openedAt: string;
  closedAt: string | null;
  exploitationForms: string[];
  labourSector: string | null;
  meansOfControl: string[];
  owner: { name: string; code: string } | null;
  victim: {
    id: string; alias: string; sex: string; ageBand: string | null; minor: boolean; nationality: string | null; languages: string[]; specialNeeds: string[];
    consents: { id: string; purpose: string; valid: boolean; grantedAt: string; expiresAt: string | null; organization: { name: string } | null }[];
  } | null;
  referrals: {
    id: string; status: string; urgency: string; note: string | null; createdAt: string; respondedAt: string | null; completedAt: string | null;
    cancelledAt: string | null; declineReason: string | null; outcome: string | null; service: { name: string; category: string; organization: { name: string } | null } | null;
  }[];
}

export default function CasePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const result = useQuery<{ case: CaseDetails | null }>(CASE, { id });
  const role = currentSession()?.role;
  const canScreen = role === "ADMIN" || role === "COORDINATOR" || role === "CASE_WORKER";
  if (result.loading && !result.data) return <Loading />;
  if (result.error) return <ErrorBox error={result.error} onRetry={result.reload} />;
  const c = result.data?.case;
  if (!c) return <p role="alert">{t("app.notFound")}</p>;
  const v = c.victim;
  return (
    <section aria-labelledby="case-title">
      <div className="title-row">
        <h1 id="case-title"><Ltr>{c.reference}</Ltr></h1>
        <StatusBadge kind="case" value={c.status} text={enumLabel("CaseStatus", c.status)} />
        {canScreen && <Link className="button" to={`/assistance?case=${encodeURIComponent(c.id)}`}>{t("cases.findAssistance")}</Link>}
      </div>
      <div className="grid2">
        <article className="card">
          <h2>{t("cases.profile")}</h2>
          <dl className="facts">
            <dt>{t("cases.victim")}</dt><dd>{v?.alias ?? "—"}</dd>
            <dt>{t("cases.sex")}</dt><dd>{enumLabel("Sex", v?.sex)}</dd>
            <dt>{t("cases.ageBand")}</dt><dd><Ltr>{v?.ageBand ?? "—"}</Ltr></dd>
            <dt>{t("cases.minor")}</dt><dd>{v?.minor ? t("app.yes") : t("app.no")}</dd>
            <dt>{t("cases.nationality")}</dt><dd><Ltr>{v?.nationality ?? "—"}</Ltr></dd>
            <dt>{t("cases.languages")}</dt><dd><Ltr>{v?.languages.join(", ") || "—"}</Ltr></dd>
            <dt>{t("cases.forms")}</dt><dd>{c.exploitationForms.map((f) => label("exploitationForm", f)).join(", ") || "—"}</dd>
            <dt>{t("cases.means")}</dt><dd>{c.meansOfControl.map((m) => label("meansOfControl", m)).join(", ") || "—"}</dd>
            <dt>{t("cases.governorate")}</dt><dd>{label("governorate", c.governorate)}</dd>
            <dt>{t("cases.owner")}</dt><dd>{c.owner?.name ?? "—"}</dd>
            <dt>{t("cases.openedAt")}</dt><dd>{fmtDate(c.openedAt)}</dd>
          </dl>
          <Consents caseId={c.id} />
        </article>
        <article className="card">
          <h2>{t("cases.referrals")}</h2>
          <ol className="timeline">
            {c.referrals.map((r) => (
              <li key={r.id}>
                <StatusBadge kind="referral" value={r.status} text={enumLabel("ReferralStatus", r.status)} />{" "}
                <strong>{r.service?.name ?? "—"}</strong> <span className="muted">{r.service?.organization?.name}</span>
                <div className="muted small">
                  {fmtDate(r.createdAt, true)}
                  {r.respondedAt && ` → ${fmtDate(r.respondedAt, true)}`}
                  {r.completedAt && ` → ${fmtDate(r.completedAt, true)}`}
                  {r.declineReason && ` · ${enumLabel("DeclineReason", r.declineReason)}`}
                  {r.outcome && ` · ${r.outcome}`}
                </div>
              </li>
            ))}
            {c.referrals.length === 0 && <li className="muted">{t("app.empty")}</li>}
          </ol>
        </article>
      </div>
      <CaseOversight caseId={c.id} />
      {canScreen && <Screening caseId={c.id} />}
    </section>
  );
}

const INDICATORS = `query ConsoleIndicators { indicatorCatalogue { code category weight minorOnly question { text } } }`;
const SCREEN = `mutation ConsoleRecordScreening($caseId: ID!, $answers: [ScreeningAnswer!]!) {
  recordScreening(caseId: $caseId, answers: $answers) { id score level minor nextSteps explanation drivers { code question { text } } }
}`;

interface ScreeningResult {
  id: string; score: number; level: string; minor: boolean; nextSteps: string[]; explanation: string; drivers: { code: string; question: { text: string } }[];
}

function Screening({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [observed, setObserved] = useState<Set<string>>(new Set());
  const catalogue = useQuery<{ indicatorCatalogue: { code: string; category: string; weight: number; minorOnly: boolean; question: { text: string } }[] }>(INDICATORS, undefined, !open);
  const record = useMutation<{ recordScreening: ScreeningResult }>(SCREEN);
  const [result, setResult] = useState<ScreeningResult | null>(null);

  async function submit() {
    const answers = (catalogue.data?.indicatorCatalogue ?? []).map((i) => ({ indicator: i.code, observed: observed.has(i.code) }));
    const done = await record.run({ caseId, answers });
    if (done) setResult(done.recordScreening);
  }

  return (
    <article className="card">
      <h2>
        <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>{t("cases.screening")}</button>
      </h2>
      {open && (
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          {catalogue.loading && <Loading />}
          <ErrorBox error={catalogue.error} />
          <fieldset>
            <legend className="visually-hidden">{t("cases.screening")}</legend>
            <ul className="plain indicators">
              {(catalogue.data?.indicatorCatalogue ?? []).map((i) => (
                <li key={i.code}>
                  <label className="check">
                    <input type="checkbox" checked={observed.has(i.code)} onChange={(e) => setObserved((s) => { const n = new Set(s); if (e.target.checked) n.add(i.code); else n.delete(i.code); return n; })} />
                    {i.question.text}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <ErrorBox error={record.error} />
          <button type="submit" disabled={record.busy || !catalogue.data}>{t("app.save")}</button>
        </form>
      )}
      {result && (
        <div className="notice notice-ok" role="status">
          <strong>{t("cases.screeningResult", { level: enumLabel("ScreeningLevel", result.level), score: result.score })}</strong>
          <p>{result.explanation}</p>
          <p>{t("cases.nextSteps")} : {result.nextSteps.map((s) => enumLabel("NextStep", s)).join(", ")}</p>
        </div>
      )}
    </article>
  );
}
