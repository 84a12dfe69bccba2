// Partner programmes: NGOs' and international organisations' programmes with the authority's support, their
// activities and results; national roles create one, the partner's own agents report activities and progress.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { Checks, LocalizedInputs } from "../components/localized";
import { ErrorBox, Field, Loading, Ltr, Notice, useMutation, useQuery } from "../components/ui";
import { GOVERNORATES } from "../i18n/catalogues";
import { fmtDate, fmtNumber, label, lang } from "../i18n";

const PROGRAMMES = `query ConsoleProgrammes {
  programmes(first: 100) { id code title { text } partner { id code name } objectives governorates startDate endDate fundingSource fundingAmount currency
    authoritySupport progressNote actions { id code title { text } } activities { id title description results beneficiaries date reportedAt } beneficiaries version }
}`;
const ORGS = `query ConsoleProgrammePartners { organizations(first: 100) { nodes { code name kind } } }`;
const CREATE = `mutation ConsoleCreateProgramme($input: CreateProgrammeInput!) { createProgramme(input: $input) { id code } }`;
const ACTIVITY = `mutation ConsoleReportProgrammeActivity($input: ReportProgrammeActivityInput!) { reportProgrammeActivity(input: $input) { id } }`;
const UPDATE = `mutation ConsoleUpdateProgramme($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id version } }`;

interface Programme {
  id: string; code: string; title: { text: string }; partner: { id: string; code: string; name: string } | null; objectives: string[]; governorates: string[];
  startDate: string | null; endDate: string | null; fundingSource: string | null; fundingAmount: number | null; currency: string | null;
  authoritySupport: string | null; progressNote: string | null; actions: { id: string; code: string; title: { text: string } }[];
  activities: { id: string; title: string; description: string | null; results: string | null; beneficiaries: number | null; date: string | null; reportedAt: string | null }[];
  beneficiaries: number; version: number;
}

export default function Programmes() {
  const { t } = useTranslation();
  const session = currentSession();
  const national = session?.role === "ADMIN" || session?.role === "COORDINATOR";
  const list = useQuery<{ programmes: Programme[] }>(PROGRAMMES);
  if (list.loading && !list.data) return <Loading />;
  const programmes = list.data?.programmes ?? [];
  return (
    <section aria-labelledby="programmes-title">
      <h1 id="programmes-title">{t("prog.title")}</h1>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {programmes.map((p) => (
        <article key={p.id} className="card" aria-labelledby={`programme-${p.id}`} data-code={p.code}>
          <h2 id={`programme-${p.id}`}>{p.title.text} <span className="muted small">(<Ltr>{p.code}</Ltr>)</span></h2>
          <dl className="facts">
            <dt>{t("prog.partner")}</dt><dd>{p.partner?.name ?? "—"}</dd>
            <dt>{t("camp.dates")}</dt><dd>{t("auth.range", { from: fmtDate(p.startDate), to: fmtDate(p.endDate) })}</dd>
            <dt>{t("train.objectives")}</dt><dd>{p.objectives.join(" · ") || "—"}</dd>
            <dt>{t("camp.governorates")}</dt><dd>{p.governorates.map((g) => label("governorate", g)).join(", ") || "—"}</dd>
            <dt>{t("prog.funding")}</dt><dd>{p.fundingSource ?? "—"}{p.fundingAmount !== null && <> · {fmtNumber(p.fundingAmount)} <Ltr>{p.currency ?? ""}</Ltr></>}</dd>
            <dt>{t("prog.support")}</dt><dd>{p.authoritySupport ?? "—"}</dd>
            <dt>{t("prog.actions")}</dt><dd>{p.actions.map((a) => <span key={a.id} className="badge"><Ltr>{a.code}</Ltr> {a.title.text}</span>)}{p.actions.length === 0 && "—"}</dd>
            <dt>{t("prog.progress")}</dt><dd>{p.progressNote ?? "—"}</dd>
            <dt>{t("prog.beneficiaries")}</dt><dd><strong>{fmtNumber(p.beneficiaries)}</strong></dd>
          </dl>
          <h3>{t("prog.activities")}</h3>
          <table>
            <thead><tr><th scope="col">{t("camp.date")}</th><th scope="col">{t("prog.activity")}</th><th scope="col">{t("prog.results")}</th><th scope="col">{t("prog.beneficiaries")}</th></tr></thead>
            <tbody>
              {p.activities.map((a) => (
                <tr key={a.id}><td>{fmtDate(a.date)}</td><td>{a.title}{a.description && <div className="muted small">{a.description}</div>}</td><td>{a.results ?? "—"}</td><td>{fmtNumber(a.beneficiaries)}</td></tr>
              ))}
              {p.activities.length === 0 && <tr><td colSpan={4} className="muted">{t("app.empty")}</td></tr>}
            </tbody>
          </table>
          <div className="grid2">
            <ReportActivity programme={p} onDone={list.reload} />
            <ProgressNote programme={p} onDone={list.reload} />
          </div>
        </article>
      ))}
      {list.data && programmes.length === 0 && <p className="muted">{t("app.empty")}</p>}
      {national && <CreateProgramme onDone={list.reload} />}
    </section>
  );
}

function ReportActivity({ programme, onDone }: { programme: Programme; onDone: () => void }) {
  const { t } = useTranslation();
  const report = useMutation<{ reportProgrammeActivity: { id: string } }>(ACTIVITY);
  const empty = { title: "", date: new Date().toISOString().slice(0, 10), results: "", beneficiaries: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  return (
    <details className="enrol">
      <summary>{t("prog.report")}</summary>
      <form aria-label={t("prog.reportOf", { code: programme.code })} onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const input = { programmeId: programme.id, title: form.title, date: form.date, results: form.results || null, beneficiaries: form.beneficiaries ? Number(form.beneficiaries) : null };
        if (await report.run({ input })) { setForm(empty); setDone(true); onDone(); }
      }}>
        <Field label={t("prog.activity")}><input required maxLength={300} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></Field>
        <div className="form-grid">
          <Field label={t("camp.date")}><input required type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} /></Field>
          <Field label={t("prog.beneficiaries")}><input type="number" min={0} value={form.beneficiaries} onChange={(e) => setForm({ ...form, beneficiaries: e.target.value })} /></Field>
        </div>
        <Field label={t("prog.results")}><textarea rows={2} maxLength={2000} value={form.results} onChange={(e) => setForm({ ...form, results: e.target.value })} /></Field>
        <ErrorBox error={report.error} />
        {done && <Notice>{t("app.done")}</Notice>}
        <button type="submit" disabled={report.busy}>{t("prog.report")}</button>
      </form>
    </details>
  );
}

function ProgressNote({ programme, onDone }: { programme: Programme; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useMutation<{ updateProgramme: { id: string } }>(UPDATE);
  const [note, setNote] = useState(programme.progressNote ?? "");
  return (
    <details className="enrol">
      <summary>{t("prog.updateProgress")}</summary>
      <form onSubmit={async (e) => { e.preventDefault(); if (await update.run({ input: { programmeId: programme.id, progressNote: note, expectedVersion: programme.version } })) onDone(); }}>
        <Field label={t("prog.progress")}><textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} /></Field>
        <ErrorBox error={update.error} />
        <button type="submit" className="secondary" disabled={update.busy}>{t("app.save")}</button>
      </form>
    </details>
  );
}

function CreateProgramme({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const orgs = useQuery<{ organizations: { nodes: { code: string; name: string; kind: string }[] } }>(ORGS);
  const create = useMutation<{ createProgramme: { id: string; code: string } }>(CREATE);
  const empty = { code: "", title: { fr: "", ar: "", en: "" }, partnerCode: "", startDate: "", endDate: "", objectives: "", governorates: [] as string[], fundingSource: "", fundingAmount: "", authoritySupport: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState("");
  const partners = (orgs.data?.organizations.nodes ?? []).filter((o) => ["NGO", "INTERNATIONAL_ORGANIZATION", "SHELTER_OPERATOR"].includes(o.kind));
  return (
    <article className="card">
      <h2>{t("prog.create")}</h2>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone("");
        const input = {
          code: form.code, title: form.title, partnerCode: form.partnerCode, startDate: form.startDate, endDate: form.endDate,
          objectives: form.objectives.split("\n").map((x) => x.trim()).filter(Boolean), governorates: form.governorates,
          fundingSource: form.fundingSource || null, fundingAmount: form.fundingAmount ? Number(form.fundingAmount) : null,
          currency: form.fundingAmount ? "TND" : null, authoritySupport: form.authoritySupport || null,
        };
        const result = await create.run({ input });
        if (result) { setDone(result.createProgramme.code); setForm(empty); onDone(); }
      }}>
        <Field label={t("strat.code")} hint={t("strat.codeHint")}><input required dir="ltr" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value.toUpperCase() })} /></Field>
        <LocalizedInputs label={t("prog.name")} value={form.title} onChange={(title) => setForm({ ...form, title })} />
        <Field label={t("prog.partner")}>
          <select required value={form.partnerCode} onChange={(e) => setForm({ ...form, partnerCode: e.target.value })}>
            <option value="">—</option>
            {partners.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
          </select>
        </Field>
        <div className="form-grid">
          <Field label={t("strat.start")}><input required type="date" value={form.startDate} onChange={(e) => setForm({ ...form, startDate: e.target.value })} /></Field>
          <Field label={t("train.end")}><input required type="date" value={form.endDate} onChange={(e) => setForm({ ...form, endDate: e.target.value })} /></Field>
          <Field label={t("prog.fundingSource")}><input maxLength={300} value={form.fundingSource} onChange={(e) => setForm({ ...form, fundingSource: e.target.value })} /></Field>
          <Field label={t("prog.fundingAmount")}><input type="number" min={0} step="any" value={form.fundingAmount} onChange={(e) => setForm({ ...form, fundingAmount: e.target.value })} /></Field>
        </div>
        <Field label={t("train.objectives")} hint={t("guide.oneALine")}><textarea rows={2} value={form.objectives} onChange={(e) => setForm({ ...form, objectives: e.target.value })} /></Field>
        <Field label={t("prog.support")}><textarea rows={2} maxLength={2000} value={form.authoritySupport} onChange={(e) => setForm({ ...form, authoritySupport: e.target.value })} /></Field>
        <Checks legend={t("camp.governorates")} values={GOVERNORATES.map((g) => g.code)} chosen={form.governorates} onChange={(governorates) => setForm({ ...form, governorates })} render={(v) => GOVERNORATES.find((g) => g.code === v)?.names[lang()] ?? v} />
        <ErrorBox error={create.error ?? orgs.error} />
        {done && <Notice>{t("prog.created", { code: done })}</Notice>}
        <button type="submit" disabled={create.busy}>{t("prog.create")}</button>
      </form>
    </article>
  );
}
