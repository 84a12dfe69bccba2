import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { gql } from "../api/graphql";
import { ErrorBox, Field, Loading, Ltr, Notice, useMutation, useQuery } from "../components/ui";
import { codes } from "../i18n/catalogues";
import { enumLabel, fmtNumber, label } from "../i18n";

const CASES = `query ConsoleAssistanceCases { cases(first: 100) { nodes { id reference status victim { alias } } } }`;
const CONSENTS = `query ConsoleAssistanceCase($id: ID!) { case(id: $id) { id reference victim { alias consents { id purpose valid organization { name } } } } }`;
const SEARCH = `query ConsoleFindAssistance($caseId: ID!, $categories: [ServiceCategory!]!) {
  findAssistance(caseId: $caseId, categories: $categories, first: 10) {
    score distanceKm availableCapacity needsConsent reasons
    service { id name category capacity { unit } organization { name } governorate { code } }
  }
  assistanceExclusions(caseId: $caseId, categories: $categories, first: 10) {
    distanceKm codes reasons service { id name category organization { name } }
  }
}`;
const REFER = `mutation ConsoleCreateReferral($input: CreateReferralInput!) { createReferral(input: $input) { id status service { name } } }`;

interface Match {
  score: number; distanceKm: number | null; availableCapacity: number; needsConsent: boolean; reasons: string[];
  service: { id: string; name: string; category: string; capacity: { unit: string | null }; organization: { name: string } | null; governorate: { code: string } | null } | null;
}
interface Exclusion { distanceKm: number | null; codes: string[]; reasons: string[]; service: { id: string; name: string; category: string; organization: { name: string } | null } | null }

export default function FindAssistance() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const caseId = params.get("case") ?? "";
  const cases = useQuery<{ cases: { nodes: { id: string; reference: string; victim: { alias: string } | null }[] } }>(CASES);
  const details = useQuery<{ case: { id: string; reference: string; victim: { alias: string; consents: { id: string; purpose: string; valid: boolean; organization: { name: string } | null }[] } | null } | null }>(CONSENTS, { id: caseId }, !caseId);
  const [needs, setNeeds] = useState<string[]>([]);
  const [results, setResults] = useState<{ findAssistance: Match[]; assistanceExclusions: Exclusion[] } | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [hint, setHint] = useState<string | null>(null);

  async function search() {
    if (!needs.length) { setHint(t("assist.pickNeed")); return; }
    setHint(null);
    setSearching(true);
    setError(null);
    try {
      setResults(await gql(SEARCH, { caseId, categories: needs }));
    } catch (e) {
      setError(e);
    } finally {
      setSearching(false);
    }
  }

  const validConsents = (details.data?.case?.victim?.consents ?? []).filter((c) => c.valid);
  return (
    <section aria-labelledby="assist-title">
      <h1 id="assist-title">{t("assist.title")}</h1>
      <form className="card" onSubmit={(e) => { e.preventDefault(); void search(); }}>
        <Field label={t("assist.case")}>
          <select value={caseId} onChange={(e) => { setParams(e.target.value ? { case: e.target.value } : {}); setResults(null); }}>
            <option value="">{t("assist.chooseCase")}</option>
            {(cases.data?.cases.nodes ?? []).map((c) => (
              <option key={c.id} value={c.id}>{c.reference} — {c.victim?.alias ?? ""}</option>
            ))}
            {caseId && !cases.data?.cases.nodes.some((c) => c.id === caseId) && <option value={caseId}>{details.data?.case?.reference ?? caseId}</option>}
          </select>
        </Field>
        {caseId && details.data?.case && (
          <p className="small">
            {t("cases.consents")} : {validConsents.length ? validConsents.map((c) => `${enumLabel("ConsentPurpose", c.purpose)} (${c.organization?.name ?? "—"})`).join(", ") : t("app.empty")}
          </p>
        )}
        <fieldset>
          <legend>{t("assist.needs")}</legend>
          <div className="checks">
            {codes("category").map((c) => (
              <label key={c} className="check">
                <input type="checkbox" name="need" value={c} checked={needs.includes(c)}
                  onChange={(e) => setNeeds((all) => (e.target.checked ? [...all, c] : all.filter((x) => x !== c)))} />
                {label("category", c)}
              </label>
            ))}
          </div>
        </fieldset>
        {hint && <p role="alert" className="warn">{hint}</p>}
        <button type="submit" disabled={!caseId || searching}>{t("assist.search")}</button>
      </form>
      <ErrorBox error={error ?? cases.error} />
      {searching && <Loading />}
      {results && (
        <div className="grid2">
          <article className="card">
            <h2>{t("assist.matches")}</h2>
            <ol className="results">
              {results.findAssistance.map((m) => m.service && <MatchCard key={m.service.id} caseId={caseId} match={m} />)}
              {results.findAssistance.length === 0 && <li className="muted">{t("app.empty")}</li>}
            </ol>
          </article>
          <article className="card">
            <h2>{t("assist.excluded")}</h2>
            <ul className="results">
              {results.assistanceExclusions.map((x) => x.service && (
                <li key={x.service.id}>
                  <strong>{x.service.name}</strong> <span className="muted">{x.service.organization?.name} · {label("category", x.service.category)} · {fmtNumber(x.distanceKm)} km</span>
                  <ul className="reasons excluded">{x.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
                </li>
              ))}
              {results.assistanceExclusions.length === 0 && <li className="muted">{t("app.empty")}</li>}
            </ul>
          </article>
        </div>
      )}
    </section>
  );
}

function MatchCard({ caseId, match }: { caseId: string; match: Match }) {
  const { t } = useTranslation();
  const refer = useMutation<{ createReferral: { id: string; status: string; service: { name: string } } }>(REFER);
  const [urgency, setUrgency] = useState("ROUTINE");
  const [note, setNote] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const s = match.service!;
  async function send() {
    const done = await refer.run({ input: { caseId, serviceId: s.id, urgency, note: note || null, clientId: crypto.randomUUID() } });
    if (done) setSent(done.createReferral.service.name);
  }
  return (
    <li className="match">
      <div className="match-head">
        <strong>{s.name}</strong>
        <span className="muted">{s.organization?.name} · {label("category", s.category)} · {label("governorate", s.governorate?.code)}</span>
      </div>
      <div className="small">
        {t("assist.score")} : <Ltr>{fmtNumber(match.score, 2)}</Ltr> · {fmtNumber(match.distanceKm, 1)} km · {t("assist.free")} : {fmtNumber(match.availableCapacity)}
      </div>
      <ul className="reasons">{match.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
      <p className={match.needsConsent ? "warn" : "ok"} role={match.needsConsent ? "note" : undefined}>
        {match.needsConsent ? t("assist.consentNeeded") : t("assist.consentOk")}
      </p>
      {sent ? (
        <Notice>{t("assist.sent", { service: sent })} <Link to="/referrals">{t("nav.referrals")}</Link></Notice>
      ) : (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void send(); }} aria-label={`${t("assist.refer")} — ${s.name}`}>
          <Field label={t("assist.urgency")}>
            <select value={urgency} onChange={(e) => setUrgency(e.target.value)}>
              {["ROUTINE", "PRIORITY", "URGENT"].map((u) => <option key={u} value={u}>{enumLabel("Urgency", u)}</option>)}
            </select>
          </Field>
          <Field label={t("assist.note")}><input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} /></Field>
          <button type="submit" disabled={refer.busy}>{t("assist.refer")}</button>
          <ErrorBox error={refer.error} />
        </form>
      )}
    </li>
  );
}
