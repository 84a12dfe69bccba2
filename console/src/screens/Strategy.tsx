// The national strategy: axes → objectives → actions and indicators, its dashboard for a year, and the work on it.
// National roles add actions and record indicator actuals; a partner agent moves the actions its organisation leads;
// everybody else who holds the permission reads.
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { ErrorBox, Field, Loading, Ltr, Notice, StatusBadge, useMutation, useQuery } from "../components/ui";
import { enumLabel, fmtDate, fmtNumber, fmtPercent } from "../i18n";
import { LocalizedInputs } from "../components/localized";
import { OffTrackList } from "../components/offtrack";

const FIELDS_ACTION = "id code title { text } status leadAgency { id code name } partners { code name } startDate dueDate budget currency evidence overdue version";
const STRATEGIES = `query ConsoleStrategies {
  strategies { id code title { text } startYear endYear
    axes { id code title { text } objectives { id code title { text }
      actions { ${FIELDS_ACTION} }
      indicators { id code title { text } unit baselineYear baselineValue direction measure periods { period target actual } } } } }
}`;
const DASHBOARD = `query ConsoleStrategyDashboard($id: ID!, $period: Int) {
  strategyDashboard(strategyId: $id, period: $period) {
    period
    axes { id code title { text } progress actionsTotal actionsDone actionsOverdue
      objectives { indicators { indicator { id } target actual offTrack } } }
    indicatorsOffTrack { indicator { id code title { text } unit } period target actual progress }
    actionsOverdue { id code title { text } dueDate leadAgency { name } }
  }
}`;
const ORGS = `query ConsoleStrategyOrganizations { organizations(first: 100) { nodes { code name } } }`;
const ADD_ACTION = `mutation ConsoleAddStrategyAction($input: AddStrategyActionInput!) { addStrategyAction(input: $input) { id code } }`;
const UPDATE_ACTION = `mutation ConsoleUpdateStrategyAction($input: UpdateStrategyActionInput!) { updateStrategyAction(input: $input) { id status version } }`;
const RECORD_ACTUAL = `mutation ConsoleRecordIndicatorActual($input: IndicatorValueInput!) { recordIndicatorActual(input: $input) { id } }`;

type Text = { text: string };
interface Action {
  id: string; code: string; title: Text; status: string; leadAgency: { id: string; code: string; name: string } | null;
  partners: { code: string; name: string }[]; startDate: string | null; dueDate: string | null; budget: number | null;
  currency: string | null; evidence: string[]; overdue: boolean; version: number;
}
interface Indicator {
  id: string; code: string; title: Text; unit: string; baselineYear: number | null; baselineValue: number | null;
  direction: string; measure: string | null; periods: { period: number; target: number | null; actual: number | null }[];
}
interface Objective { id: string; code: string; title: Text; actions: Action[]; indicators: Indicator[] }
interface StrategyData { id: string; code: string; title: Text; startYear: number; endYear: number; axes: { id: string; code: string; title: Text; objectives: Objective[] }[] }
interface Dashboard {
  period: number;
  axes: { id: string; code: string; title: Text; progress: number | null; actionsTotal: number; actionsDone: number; actionsOverdue: number;
    objectives: { indicators: { indicator: { id: string }; target: number | null; actual: number | null; offTrack: boolean }[] }[] }[];
  indicatorsOffTrack: { indicator: { id: string; code: string; title: Text; unit: string }; period: number; target: number | null; actual: number | null; progress: number | null }[];
  actionsOverdue: { id: string; code: string; title: Text; dueDate: string | null; leadAgency: { name: string } | null }[];
}

const NEXT: Record<string, string[]> = { PLANNED: ["IN_PROGRESS", "DONE", "CANCELLED"], IN_PROGRESS: ["DONE", "CANCELLED"], DONE: [], CANCELLED: [] };

export default function Strategy() {
  const { t } = useTranslation();
  const session = currentSession();
  const national = session?.role === "ADMIN" || session?.role === "COORDINATOR";
  const mayUpdate = national || session?.role === "PARTNER_AGENT";
  const list = useQuery<{ strategies: StrategyData[] }>(STRATEGIES);
  const [chosen, setChosen] = useState("");
  const [period, setPeriod] = useState<number | null>(null);
  const strategies = list.data?.strategies ?? [];
  const strategy = strategies.find((s) => s.id === chosen) ?? strategies[0];
  const dash = useQuery<{ strategyDashboard: Dashboard }>(DASHBOARD, { id: strategy?.id ?? "", period }, !strategy);
  const year = dash.data?.strategyDashboard.period ?? period ?? new Date().getFullYear();

  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!strategy) return (<section aria-labelledby="strategy-title"><h1 id="strategy-title">{t("strat.title")}</h1><p className="muted">{t("app.empty")}</p></section>);
  const years = Array.from({ length: strategy.endYear - strategy.startYear + 1 }, (_, i) => strategy.startYear + i);
  const reload = () => { list.reload(); dash.reload(); };
  const d = dash.data?.strategyDashboard;
  const offTrack = new Set((d?.indicatorsOffTrack ?? []).map((x) => x.indicator.id));
  // The dashboard's figures for the year: actuals computed from Himaya's data as well as those recorded by hand.
  const standing = new Map((d?.axes ?? []).flatMap((a) => a.objectives.flatMap((o) => o.indicators.map((i) => [i.indicator.id, i] as const))));

  return (
    <section aria-labelledby="strategy-title">
      <h1 id="strategy-title">{t("strat.title")}</h1>
      <p className="lead">{strategy.title.text} <span className="muted small">(<Ltr>{strategy.code}</Ltr> · <Ltr>{strategy.startYear}–{strategy.endYear}</Ltr>)</span></p>
      <form className="filters" aria-label={t("dash.filters")} onSubmit={(e) => e.preventDefault()}>
        {strategies.length > 1 && (
          <Field label={t("strat.strategy")}>
            <select value={strategy.id} onChange={(e) => setChosen(e.target.value)}>
              {strategies.map((s) => <option key={s.id} value={s.id}>{s.title.text}</option>)}
            </select>
          </Field>
        )}
        <Field label={t("strat.period")}>
          <select value={String(year)} onChange={(e) => setPeriod(Number(e.target.value))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </Field>
      </form>

      <ErrorBox error={dash.error} onRetry={dash.reload} />
      {d && (
        <div className="grid2">
          <article className="card">
            <h2>{t("strat.progressByAxis")}</h2>
            <table>
              <thead><tr><th scope="col">{t("strat.axis")}</th><th scope="col">{t("strat.progress")}</th><th scope="col">{t("strat.actionsDone")}</th><th scope="col">{t("strat.overdue")}</th></tr></thead>
              <tbody>
                {d.axes.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.title.text}</th>
                    <td><progress max={1} value={a.progress ?? 0} aria-label={`${a.title.text} ${fmtPercent(a.progress)}`} /> {fmtPercent(a.progress)}</td>
                    <td>{fmtNumber(a.actionsDone)} / {fmtNumber(a.actionsTotal)}</td>
                    <td className={a.actionsOverdue ? "warn" : undefined}>{fmtNumber(a.actionsOverdue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
          <article className="card" aria-labelledby="offtrack-title">
            <h2 id="offtrack-title">{t("strat.offTrack")}</h2>
            <OffTrackList items={d.indicatorsOffTrack} />
            <h3>{t("strat.actionsOverdue")}</h3>
            <ul className="plain">
              {d.actionsOverdue.map((a) => (
                <li key={a.id}><Ltr>{a.code}</Ltr> — {a.title.text} <span className="muted small">({a.leadAgency?.name ?? "—"} · {fmtDate(a.dueDate)})</span></li>
              ))}
              {d.actionsOverdue.length === 0 && <li className="muted">{t("app.empty")}</li>}
            </ul>
          </article>
        </div>
      )}

      <article className="card">
        <h2>{t("strat.actions")}</h2>
        <div className="table-scroll">
          <table className="list" aria-label={t("strat.actions")}>
            <thead>
              <tr><th scope="col">{t("strat.code")}</th><th scope="col">{t("strat.action")}</th><th scope="col">{t("strat.status")}</th><th scope="col">{t("strat.lead")}</th><th scope="col">{t("strat.due")}</th><th scope="col">{t("strat.evidence")}</th>{mayUpdate && <th scope="col">{t("strat.update")}</th>}</tr>
            </thead>
            {strategy.axes.map((axis) => (
              <tbody key={axis.id}>
                <tr className="group-row"><th scope="colgroup" colSpan={mayUpdate ? 7 : 6}>{axis.title.text}</th></tr>
                {axis.objectives.flatMap((o) => o.actions.map((a) => (
                  <tr key={a.id} className={a.overdue ? "row-urgent" : undefined} data-code={a.code}>
                    <td><Ltr>{a.code}</Ltr></td>
                    <td>{a.title.text}<div className="muted small">{o.title.text}</div></td>
                    <td><StatusBadge kind="action" value={a.status} text={enumLabel("StrategyActionStatus", a.status)} />{a.overdue && <span className="badge badge-overdue">{t("strat.late")}</span>}</td>
                    <td>{a.leadAgency?.name ?? "—"}{a.partners.length > 0 && <div className="muted small">{a.partners.map((p) => p.name).join(", ")}</div>}</td>
                    <td>{fmtDate(a.dueDate)}</td>
                    <td>{a.evidence.length ? <ul className="evidence">{a.evidence.map((e, i) => <li key={i}>{e}</li>)}</ul> : "—"}</td>
                    {mayUpdate && <td>{(national || a.leadAgency?.id === session?.organizationId) ? <UpdateAction action={a} onDone={reload} /> : <span className="muted small">{t("strat.notLead")}</span>}</td>}
                  </tr>
                )))}
              </tbody>
            ))}
          </table>
        </div>
      </article>

      <article className="card">
        <h2>{t("strat.indicators")} — <Ltr>{year}</Ltr></h2>
        <div className="table-scroll">
          <table className="list" aria-label={t("strat.indicators")}>
            <thead><tr><th scope="col">{t("strat.code")}</th><th scope="col">{t("strat.indicator")}</th><th scope="col">{t("strat.baseline")}</th><th scope="col">{t("strat.target")}</th><th scope="col">{t("strat.actual")}</th><th scope="col">{t("strat.source")}</th></tr></thead>
            <tbody>
              {strategy.axes.flatMap((axis) => axis.objectives.flatMap((o) => o.indicators.map((i) => {
                const p = standing.get(i.id) ?? i.periods.find((x) => x.period === year);
                return (
                  <tr key={i.id} className={offTrack.has(i.id) ? "row-urgent" : undefined} data-code={i.code}>
                    <td><Ltr>{i.code}</Ltr></td>
                    <td>{i.title.text} <span className="muted small">({i.unit})</span>{offTrack.has(i.id) && <span className="badge badge-overdue">{t("strat.offTrackBadge")}</span>}</td>
                    <td>{fmtNumber(i.baselineValue, 1)}{i.baselineYear && <span className="muted small"> (<Ltr>{i.baselineYear}</Ltr>)</span>}</td>
                    <td>{fmtNumber(p?.target, 1)}</td>
                    <td>{fmtNumber(p?.actual, 1)}</td>
                    <td className="small">{i.measure ? t("strat.computed") : t("strat.recorded")}</td>
                  </tr>
                );
              })))}
            </tbody>
          </table>
        </div>
      </article>

      {national && (
        <div className="grid2">
          <AddAction strategy={strategy} onDone={reload} />
          <RecordActual strategy={strategy} years={years} year={year} onDone={reload} />
        </div>
      )}
    </section>
  );
}

function UpdateAction({ action, onDone }: { action: Action; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useMutation<{ updateStrategyAction: { id: string } }>(UPDATE_ACTION);
  const [status, setStatus] = useState("");
  const [evidence, setEvidence] = useState("");
  const next = NEXT[action.status] ?? [];
  if (next.length === 0) return <span className="muted small">{t("strat.final")}</span>;
  return (
    <form className="stacked-form" aria-label={t("strat.updateOf", { code: action.code })}
      onSubmit={async (e) => {
        e.preventDefault();
        const input: Record<string, unknown> = { actionId: action.id, expectedVersion: action.version, evidence: evidence.trim() ? [evidence.trim()] : [] };
        if (status) input.status = status;
        if (await update.run({ input })) { setStatus(""); setEvidence(""); onDone(); }
      }}>
      <Field label={t("strat.newStatus")}>
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t("strat.keepStatus")}</option>
          {next.map((s) => <option key={s} value={s}>{enumLabel("StrategyActionStatus", s)}</option>)}
        </select>
      </Field>
      <Field label={t("strat.addEvidence")}>
        <input value={evidence} maxLength={500} onChange={(e) => setEvidence(e.target.value)} />
      </Field>
      <button type="submit" className="secondary" disabled={update.busy || (!status && !evidence.trim())}>{t("app.save")}</button>
      <ErrorBox error={update.error} />
    </form>
  );
}


function AddAction({ strategy, onDone }: { strategy: StrategyData; onDone: () => void }) {
  const { t } = useTranslation();
  const orgs = useQuery<{ organizations: { nodes: { code: string; name: string }[] } }>(ORGS);
  const add = useMutation<{ addStrategyAction: { id: string; code: string } }>(ADD_ACTION);
  const objectives = useMemo(() => strategy.axes.flatMap((a) => a.objectives.map((o) => ({ ...o, axis: a.title.text }))), [strategy]);
  const empty = { objectiveId: "", code: "", title: { fr: "", ar: "", en: "" }, lead: "", startDate: "", dueDate: "", budget: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState("");
  return (
    <article className="card">
      <h2>{t("strat.addAction")}</h2>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone("");
        const result = await add.run({ input: {
          objectiveId: form.objectiveId || objectives[0]?.id, code: form.code.trim(), title: form.title, leadAgencyCode: form.lead,
          startDate: form.startDate || null, dueDate: form.dueDate || null, budget: form.budget ? Number(form.budget) : null, currency: form.budget ? "TND" : null,
        } });
        if (result) { setDone(result.addStrategyAction.code); setForm(empty); onDone(); }
      }}>
        <Field label={t("strat.objective")}>
          <select value={form.objectiveId} onChange={(e) => setForm({ ...form, objectiveId: e.target.value })}>
            {objectives.map((o) => <option key={o.id} value={o.id}>{o.axis} — {o.title.text}</option>)}
          </select>
        </Field>
        <Field label={t("strat.code")} hint={t("strat.codeHint")}>
          <input required value={form.code} pattern="[A-Z0-9][A-Z0-9._\-]{0,39}" dir="ltr" onChange={(e) => setForm({ ...form, code: e.target.value.toUpperCase() })} />
        </Field>
        <LocalizedInputs label={t("strat.actionTitle")} value={form.title} onChange={(title) => setForm({ ...form, title })} />
        <Field label={t("strat.lead")}>
          <select required value={form.lead} onChange={(e) => setForm({ ...form, lead: e.target.value })}>
            <option value="">—</option>
            {(orgs.data?.organizations.nodes ?? []).map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
          </select>
        </Field>
        <div className="form-grid">
          <Field label={t("strat.start")}><input type="date" value={form.startDate} onChange={(e) => setForm({ ...form, startDate: e.target.value })} /></Field>
          <Field label={t("strat.due")}><input type="date" value={form.dueDate} onChange={(e) => setForm({ ...form, dueDate: e.target.value })} /></Field>
          <Field label={t("strat.budget")}><input type="number" min={0} step="any" value={form.budget} onChange={(e) => setForm({ ...form, budget: e.target.value })} /></Field>
        </div>
        <ErrorBox error={add.error ?? orgs.error} />
        {done && <Notice>{t("strat.actionAdded", { code: done })}</Notice>}
        <button type="submit" disabled={add.busy}>{t("strat.addAction")}</button>
      </form>
    </article>
  );
}

function RecordActual({ strategy, years, year, onDone }: { strategy: StrategyData; years: number[]; year: number; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useMutation<{ recordIndicatorActual: { id: string } }>(RECORD_ACTUAL);
  const manual = strategy.axes.flatMap((a) => a.objectives.flatMap((o) => o.indicators.filter((i) => !i.measure)));
  const [indicator, setIndicator] = useState("");
  const [period, setPeriod] = useState(String(year));
  const [value, setValue] = useState("");
  const [done, setDone] = useState(false);
  return (
    <article className="card">
      <h2>{t("strat.recordActual")}</h2>
      <p className="muted small">{t("strat.recordHint")}</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        if (await record.run({ input: { indicatorId: indicator || manual[0]?.id, period: Number(period), value: Number(value) } })) { setDone(true); setValue(""); onDone(); }
      }}>
        <Field label={t("strat.indicator")}>
          <select value={indicator} onChange={(e) => setIndicator(e.target.value)}>
            {manual.map((i) => <option key={i.id} value={i.id}>{i.code} — {i.title.text}</option>)}
          </select>
        </Field>
        <div className="form-grid">
          <Field label={t("strat.period")}>
            <select value={period} onChange={(e) => setPeriod(e.target.value)}>{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
          </Field>
          <Field label={t("strat.value")}><input required type="number" step="any" value={value} onChange={(e) => setValue(e.target.value)} /></Field>
        </div>
        <ErrorBox error={record.error} />
        {done && <Notice>{t("app.done")}</Notice>}
        <button type="submit" disabled={record.busy || manual.length === 0}>{t("strat.recordActual")}</button>
      </form>
    </article>
  );
}
