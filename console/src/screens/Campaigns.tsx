// Awareness campaigns: the list with audiences, channels, events and reach, and the reports they prompted per
// governorate (before/during/after); national roles create one, partners and field staff record its events.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { Checks, LocalizedInputs } from "../components/localized";
import { ErrorBox, Field, Loading, Ltr, Notice, useMutation, useQuery } from "../components/ui";
import { GOVERNORATES } from "../i18n/catalogues";
import { enumLabel, fmtDate, fmtNumber, label, lang } from "../i18n";

const CAMPAIGNS = `query ConsoleCampaigns {
  campaigns(first: 100) { id code title { text } objective indicatorId audiences channels languages governorates startDate endDate budget currency
    materials { kind quantity } partners { code name } reach
    events { id kind date governorate participants reach note }
    impact { governorate before during after withCode } }
}`;
const ORGS = `query ConsoleCampaignPartners { organizations(first: 100) { nodes { code name kind } } }`;
const CREATE = `mutation ConsoleCreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { id code } }`;
const EVENT = `mutation ConsoleRecordCampaignEvent($input: RecordCampaignEventInput!) { recordCampaignEvent(input: $input) { id } }`;

export const AUDIENCES = ["DOMESTIC_WORKERS", "MIGRANTS", "EMPLOYERS", "YOUTH", "CHILDREN_AND_PARENTS", "CLIENTS_DEMAND_SIDE", "FRONT_LINE_PROFESSIONALS", "GENERAL_PUBLIC"];
export const CHANNELS = ["TV", "RADIO", "SOCIAL_MEDIA", "POSTERS", "LEAFLETS", "EVENTS", "SCHOOLS", "SMS", "PRESS"];
const EVENT_KINDS = ["WORKSHOP", "CONFERENCE", "SCHOOL_VISIT", "OUTREACH", "MEDIA", "OTHER"];
const CAMPAIGN_LANGUAGES = ["aeb", "ar", "fr", "en"];

interface Campaign {
  id: string; code: string; title: { text: string }; objective: string; indicatorId: string | null; audiences: string[]; channels: string[]; languages: string[];
  governorates: string[]; startDate: string | null; endDate: string | null; budget: number | null; currency: string | null;
  materials: { kind: string; quantity: number | null }[]; partners: { code: string; name: string }[]; reach: number;
  events: { id: string; kind: string; date: string | null; governorate: string; participants: number | null; reach: number | null; note: string | null }[];
  impact: { governorate: string; before: number; during: number; after: number; withCode: number }[];
}


export default function Campaigns() {
  const { t } = useTranslation();
  const role = currentSession()?.role;
  const national = role === "ADMIN" || role === "COORDINATOR";
  const list = useQuery<{ campaigns: Campaign[] }>(CAMPAIGNS);
  if (list.loading && !list.data) return <Loading />;
  const campaigns = list.data?.campaigns ?? [];
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">{t("camp.title")}</h1>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {campaigns.map((c) => (
        <article key={c.id} className="card" aria-labelledby={`campaign-${c.id}`} data-code={c.code}>
          <h2 id={`campaign-${c.id}`}>{c.title.text} <span className="muted small">(<Ltr>{c.code}</Ltr>)</span></h2>
          <p>{c.objective}</p>
          <dl className="facts">
            <dt>{t("camp.dates")}</dt><dd>{t("auth.range", { from: fmtDate(c.startDate), to: fmtDate(c.endDate) })}</dd>
            <dt>{t("camp.audiences")}</dt><dd>{c.audiences.map((a) => enumLabel("CampaignAudience", a)).join(", ") || "—"}</dd>
            <dt>{t("camp.channels")}</dt><dd>{c.channels.map((a) => enumLabel("CampaignChannel", a)).join(", ") || "—"}</dd>
            <dt>{t("camp.languages")}</dt><dd>{c.languages.map((l) => t(`camp.lang.${l}`, { defaultValue: l })).join(", ")}</dd>
            <dt>{t("camp.governorates")}</dt><dd>{c.governorates.map((g) => label("governorate", g)).join(", ")}</dd>
            <dt>{t("camp.partners")}</dt><dd>{c.partners.map((p) => p.name).join(", ") || "—"}</dd>
            <dt>{t("camp.budget")}</dt><dd>{c.budget !== null ? <>{fmtNumber(c.budget)} <Ltr>{c.currency ?? ""}</Ltr></> : "—"}</dd>
            <dt>{t("camp.materials")}</dt><dd>{c.materials.map((m) => `${m.kind} (${fmtNumber(m.quantity)})`).join(", ") || "—"}</dd>
            <dt>{t("camp.reach")}</dt><dd><strong>{fmtNumber(c.reach)}</strong></dd>
          </dl>
          <div className="grid2">
            <div>
              <h3>{t("camp.events")}</h3>
              <table>
                <thead><tr><th scope="col">{t("camp.date")}</th><th scope="col">{t("camp.kind")}</th><th scope="col">{t("dash.governorate")}</th><th scope="col">{t("camp.participants")}</th><th scope="col">{t("camp.reach")}</th></tr></thead>
                <tbody>
                  {c.events.map((e) => (
                    <tr key={e.id}><td>{fmtDate(e.date)}</td><td>{enumLabel("CampaignEventKind", e.kind)}{e.note && <div className="muted small">{e.note}</div>}</td><td>{label("governorate", e.governorate)}</td><td>{fmtNumber(e.participants)}</td><td>{fmtNumber(e.reach)}</td></tr>
                  ))}
                  {c.events.length === 0 && <tr><td colSpan={5} className="muted">{t("app.empty")}</td></tr>}
                </tbody>
              </table>
              <RecordEvent campaign={c} onDone={list.reload} />
            </div>
            <div>
              <h3>{t("camp.impact")}</h3>
              <table>
                <thead><tr><th scope="col">{t("dash.governorate")}</th><th scope="col">{t("camp.before")}</th><th scope="col">{t("camp.during")}</th><th scope="col">{t("camp.after")}</th><th scope="col">{t("camp.withCode")}</th></tr></thead>
                <tbody>
                  {c.impact.map((i) => (
                    <tr key={i.governorate}><th scope="row">{label("governorate", i.governorate)}</th><td>{fmtNumber(i.before)}</td><td>{fmtNumber(i.during)}</td><td>{fmtNumber(i.after)}</td><td>{fmtNumber(i.withCode)}</td></tr>
                  ))}
                  {c.impact.length === 0 && <tr><td colSpan={5} className="muted">{t("app.empty")}</td></tr>}
                </tbody>
              </table>
            </div>
          </div>
        </article>
      ))}
      {list.data && campaigns.length === 0 && <p className="muted">{t("app.empty")}</p>}
      {national && <CreateCampaign onDone={list.reload} />}
    </section>
  );
}

function RecordEvent({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useMutation<{ recordCampaignEvent: { id: string } }>(EVENT);
  const empty = { kind: "WORKSHOP", date: new Date().toISOString().slice(0, 10), governorate: campaign.governorates[0] ?? "", participants: "", reach: "", note: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  return (
    <details className="enrol">
      <summary>{t("camp.recordEvent")}</summary>
      <form aria-label={t("camp.recordEventOf", { code: campaign.code })} onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const input = { campaignId: campaign.id, kind: form.kind, date: form.date, governorate: form.governorate, participants: form.participants ? Number(form.participants) : null, reach: form.reach ? Number(form.reach) : null, note: form.note || null };
        if (await record.run({ input })) { setForm(empty); setDone(true); onDone(); }
      }}>
        <div className="form-grid">
          <Field label={t("camp.kind")}><select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>{EVENT_KINDS.map((k) => <option key={k} value={k}>{enumLabel("CampaignEventKind", k)}</option>)}</select></Field>
          <Field label={t("camp.date")}><input required type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} /></Field>
          <Field label={t("dash.governorate")}><select value={form.governorate} onChange={(e) => setForm({ ...form, governorate: e.target.value })}>{campaign.governorates.map((g) => <option key={g} value={g}>{label("governorate", g)}</option>)}</select></Field>
          <Field label={t("camp.participants")}><input type="number" min={0} value={form.participants} onChange={(e) => setForm({ ...form, participants: e.target.value })} /></Field>
          <Field label={t("camp.reach")}><input type="number" min={0} value={form.reach} onChange={(e) => setForm({ ...form, reach: e.target.value })} /></Field>
          <Field label={t("camp.note")}><input maxLength={500} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} /></Field>
        </div>
        <ErrorBox error={record.error} />
        {done && <Notice>{t("app.done")}</Notice>}
        <button type="submit" disabled={record.busy}>{t("camp.recordEvent")}</button>
      </form>
    </details>
  );
}

function CreateCampaign({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const orgs = useQuery<{ organizations: { nodes: { code: string; name: string; kind: string }[] } }>(ORGS);
  const partners = (orgs.data?.organizations.nodes ?? []).filter((o) => o.kind !== "JUDICIAL_BODY");
  const create = useMutation<{ createCampaign: { id: string; code: string } }>(CREATE);
  const empty = { code: "", title: { fr: "", ar: "", en: "" }, objective: "", startDate: "", endDate: "", governorates: [] as string[], languages: ["ar", "fr"], audiences: [] as string[], channels: [] as string[], partnerCodes: [] as string[], budget: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState("");
  return (
    <article className="card">
      <h2>{t("camp.create")}</h2>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone("");
        const input = { ...form, budget: form.budget ? Number(form.budget) : null, currency: form.budget ? "TND" : null };
        const result = await create.run({ input });
        if (result) { setDone(result.createCampaign.code); setForm(empty); onDone(); }
      }}>
        <Field label={t("strat.code")} hint={t("strat.codeHint")}><input required dir="ltr" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value.toUpperCase() })} /></Field>
        <LocalizedInputs label={t("camp.name")} value={form.title} onChange={(title) => setForm({ ...form, title })} />
        <Field label={t("camp.objective")}><textarea required rows={2} maxLength={2000} value={form.objective} onChange={(e) => setForm({ ...form, objective: e.target.value })} /></Field>
        <div className="form-grid">
          <Field label={t("strat.start")}><input required type="date" value={form.startDate} onChange={(e) => setForm({ ...form, startDate: e.target.value })} /></Field>
          <Field label={t("train.end")}><input required type="date" value={form.endDate} onChange={(e) => setForm({ ...form, endDate: e.target.value })} /></Field>
          <Field label={t("camp.budget")}><input type="number" min={0} step="any" value={form.budget} onChange={(e) => setForm({ ...form, budget: e.target.value })} /></Field>
        </div>
        <Checks legend={t("camp.audiences")} values={AUDIENCES} chosen={form.audiences} onChange={(audiences) => setForm({ ...form, audiences })} render={(v) => enumLabel("CampaignAudience", v)} />
        <Checks legend={t("camp.channels")} values={CHANNELS} chosen={form.channels} onChange={(channels) => setForm({ ...form, channels })} render={(v) => enumLabel("CampaignChannel", v)} />
        <Checks legend={t("camp.languages")} values={CAMPAIGN_LANGUAGES} chosen={form.languages} onChange={(languages) => setForm({ ...form, languages })} render={(v) => t(`camp.lang.${v}`)} />
        <Checks legend={t("camp.governorates")} values={GOVERNORATES.map((g) => g.code)} chosen={form.governorates} onChange={(governorates) => setForm({ ...form, governorates })} render={(v) => GOVERNORATES.find((g) => g.code === v)?.names[lang()] ?? v} />
        <Checks legend={t("camp.partners")} values={partners.map((o) => o.code)} chosen={form.partnerCodes} onChange={(partnerCodes) => setForm({ ...form, partnerCodes })} render={(v) => partners.find((o) => o.code === v)?.name ?? v} />
        <ErrorBox error={create.error ?? orgs.error} />
        {done && <Notice>{t("camp.created", { code: done })}</Notice>}
        <button type="submit" disabled={create.busy}>{t("camp.create")}</button>
      </form>
    </article>
  );
}
