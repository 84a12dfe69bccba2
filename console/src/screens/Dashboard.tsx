import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { gql } from "../api/graphql";
import BarChart from "../components/BarChart";
import { OffTrackList, type OffTrack } from "../components/offtrack";
import { ErrorBox, Field, Loading, Ltr, useQuery } from "../components/ui";
import { codes, GOVERNORATES } from "../i18n/catalogues";
import { enumLabel, fmtDate, fmtNumber, fmtPercent, label, lang } from "../i18n";

interface OrgStats {
  organization: { code: string; name: string };
  referralStatistics: { sent: number; received: number; accepted: number; declined: number; acceptanceRate: number | null; medianResponseMinutes: number | null };
}

const CATEGORIES = codes("category");
const GAPS = `query ConsoleCoverageGaps {
  ${CATEGORIES.map((c) => `${c}: coverageGaps(category: ${c}) { governorate { code } distanceKm nearestService { name } }`).join("\n  ")}
}`;
const ORGS = `query ConsoleOrganizations { organizations(first: 100) { nodes { code name } } }`;
const NETWORK_FIELDS = "organization { code name } referralStatistics { sent received accepted declined acceptanceRate medianResponseMinutes }";
// Up to 14 organisations per request (the API allows 15 aliases per operation).
function networkBatch(size: number): string {
  const vars = Array.from({ length: size }, (_, i) => `$c${i}: String!`).join(", ");
  const fields = Array.from({ length: size }, (_, i) => `o${i}: organizationNetwork(code: $c${i}) { ${NETWORK_FIELDS} }`).join("\n  ");
  return `query ConsoleOrganizationNetworks(${vars}) {\n  ${fields}\n}`;
}
const WORK = `query ConsoleWorkQueues {
  overdueTransmissions(first: 50) { reportId reference qualifiedAt daysOverdue }
  pending: referrals(first: 100, status: PENDING) { totalCount nodes { id createdAt urgency service { name } case { reference } } }
  reports(first: 100) { nodes { id reference urgency status governorate receivedAt } }
}`;

// The national figures for the chosen year and governorate (k-anonymous for the analyst), and the strategy.
const FIGURES = `query ConsoleNationalFigures($victims: StatisticsQuery!, $reports: StatisticsQuery!) {
  victims: statistics(query: $victims) { rule k total totalWithheld cells { keys value withheld } }
  reports: statistics(query: $reports) { rule k total totalWithheld }
}`;
const STRATEGY = `query ConsoleDashboardStrategy { strategies { id startYear endYear title { text } } }`;
const OFF_TRACK = `query ConsoleDashboardOffTrack($id: ID!, $period: Int) {
  strategyDashboard(strategyId: $id, period: $period) { period indicatorsOffTrack { indicator { id code title { text } unit } period target actual progress } actionsOverdue { id } }
}`;
interface Figure { rule: string; k: number | null; total: number | null; totalWithheld: boolean; cells?: { keys: (string | null)[]; value: number | null; withheld: boolean }[] }

type Gap = { governorate: { code: string }; distanceKm: number | null; nearestService: { name: string } | null };
interface Work {
  overdueTransmissions: { reportId: string; reference: string; qualifiedAt: string; daysOverdue: number }[];
  pending: { totalCount: number | null; nodes: { id: string; createdAt: string; urgency: string; service: { name: string } | null; case: { reference: string } | null }[] };
  reports: { nodes: { id: string; reference: string; urgency: string; status: string; governorate: string | null; receivedAt: string }[] };
}

function useOrganizationStats() {
  const [stats, setStats] = useState<OrgStats[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    gql<{ organizations: { nodes: { code: string }[] } }>(ORGS)
      .then((orgs) => {
        const codes = orgs.organizations.nodes.map((o) => o.code);
        const batches: string[][] = [];
        for (let i = 0; i < codes.length; i += 14) batches.push(codes.slice(i, i + 14));
        return Promise.all(
          batches.map((batch) =>
            gql<Record<string, OrgStats | null>>(networkBatch(batch.length), Object.fromEntries(batch.map((c, i) => [`c${i}`, c]))),
          ),
        );
      })
      .then((rows) => live && setStats(rows.flatMap((r) => Object.values(r)).filter((r): r is OrgStats => r !== null)))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, []);
  return { stats, error };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const role = currentSession()?.role;
  const national = role === "ADMIN" || role === "COORDINATOR";
  const [governorate, setGovernorate] = useState("");
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const filters = { year, governorate: governorate || null, exact: national };
  const figures = useQuery<{ victims: Figure; reports: Figure }>(FIGURES, {
    victims: { measure: "VICTIMS", dimensions: ["FORM"], ...filters }, reports: { measure: "REPORTS", dimensions: [], ...filters },
  });
  const strategies = useQuery<{ strategies: { id: string; startYear: number; endYear: number; title: { text: string } }[] }>(STRATEGY);
  const strategy = strategies.data?.strategies[0];
  const inStrategy = strategy ? year >= strategy.startYear && year <= strategy.endYear : false;
  const offTrack = useQuery<{ strategyDashboard: { period: number; indicatorsOffTrack: OffTrack[]; actionsOverdue: { id: string }[] } }>(
    OFF_TRACK, { id: strategy?.id ?? "", period: inStrategy ? year : null }, !strategy);
  const victimCells = useMemo(() => (figures.data?.victims.cells ?? []).filter((c) => !c.withheld && c.value), [figures.data]);
  const formLabels = useMemo(() => victimCells.map((c) => label("exploitationForm", c.keys[0])), [victimCells, t]);
  const formSeries = useMemo(() => [{ label: t("dash.victims"), values: victimCells.map((c) => c.value ?? 0) }], [victimCells, t]);
  const gaps = useQuery<Record<string, Gap[]>>(GAPS);
  const work = useQuery<Work>(WORK, undefined, !national);
  const { stats, error: statsError } = useOrganizationStats();

  const active = useMemo(() => (stats ?? []).filter((s) => s.referralStatistics.sent + s.referralStatistics.received > 0), [stats]);
  const orgLabels = useMemo(() => active.map((s) => s.organization.name), [active]);
  const orgSeries = useMemo(
    () => [
      { label: t("dash.sent"), values: active.map((s) => s.referralStatistics.sent) },
      { label: t("dash.received"), values: active.map((s) => s.referralStatistics.received) },
      { label: t("dash.accepted"), values: active.map((s) => s.referralStatistics.accepted) },
      { label: t("dash.declined"), values: active.map((s) => s.referralStatistics.declined) },
    ],
    [active, t],
  );
  const gapRows = useMemo(
    () =>
      CATEGORIES.map((c) => ({
        category: c,
        gaps: (gaps.data?.[c] ?? []).filter((g) => !governorate || g.governorate.code === governorate),
      })),
    [gaps.data, governorate],
  );
  const gapLabels = useMemo(() => gapRows.map((r) => label("category", r.category)), [gapRows, t]);
  const gapSeries = useMemo(() => [{ label: t("dash.coverage"), values: gapRows.map((r) => r.gaps.length) }], [gapRows, t]);

  const totals = active.reduce(
    (acc, s) => ({ sent: acc.sent + s.referralStatistics.sent, accepted: acc.accepted + s.referralStatistics.accepted, declined: acc.declined + s.referralStatistics.declined }),
    { sent: 0, accepted: 0, declined: 0 },
  );
  const urgent = (work.data?.reports.nodes ?? []).filter(
    (r) => r.urgency === "URGENT" && ["RECEIVED", "UNDER_REVIEW"].includes(r.status) && (!governorate || r.governorate === governorate),
  );

  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t("dash.title")}</h1>
      <form className="filters" aria-label={t("dash.filters")} onSubmit={(e) => e.preventDefault()}>
        <Field label={t("dash.year")}>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[0, 1, 2, 3, 4].map((i) => thisYear - i).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </Field>
        <Field label={t("dash.governorate")}>
          <select value={governorate} onChange={(e) => setGovernorate(e.target.value)}>
            <option value="">{t("app.all")}</option>
            {GOVERNORATES.map((g) => (
              <option key={g.code} value={g.code}>
                {g.names[lang()]}
              </option>
            ))}
          </select>
        </Field>
      </form>
      <p className="muted small">{figures.data?.victims.rule === "K_ANONYMOUS" ? t("dash.kAnonymous", { k: figures.data.victims.k }) : t("dash.exact")}</p>

      <div className="kpis" role="list" aria-label={t("dash.kpis")}>
        <div className="kpi" role="listitem"><span className="kpi-value">{figures.data?.victims.totalWithheld ? t("dash.withheld") : fmtNumber(figures.data?.victims.total)}</span><span>{t("dash.victimsYear", { year })}</span></div>
        <div className="kpi" role="listitem"><span className="kpi-value">{figures.data?.reports.totalWithheld ? t("dash.withheld") : fmtNumber(figures.data?.reports.total)}</span><span>{t("dash.reportsYear", { year })}</span></div>
        <div className="kpi" role="listitem"><span className="kpi-value">{fmtNumber(totals.sent)}</span><span>{t("dash.sent")}</span></div>
        <div className="kpi" role="listitem"><span className="kpi-value">{fmtPercent(totals.accepted + totals.declined ? totals.accepted / (totals.accepted + totals.declined) : null)}</span><span>{t("dash.acceptance")}</span></div>
        {national && <div className="kpi" role="listitem"><span className="kpi-value">{fmtNumber(work.data?.pending.totalCount ?? work.data?.pending.nodes.length)}</span><span>{t("dash.unanswered")}</span></div>}
        {national && <div className="kpi" role="listitem"><span className="kpi-value">{fmtNumber(work.data?.overdueTransmissions.length)}</span><span>{t("dash.overdue")}</span></div>}
        {national && <div className="kpi kpi-alert" role="listitem"><span className="kpi-value">{fmtNumber(urgent.length)}</span><span>{t("dash.urgentReports")}</span></div>}
      </div>

      <div className="grid2">
        <article className="card">
          <h2>{t("dash.victimsByForm", { year })}</h2>
          <ErrorBox error={figures.error} onRetry={figures.reload} />
          {figures.loading && !figures.data ? <Loading /> : <BarChart labels={formLabels} series={formSeries} title={t("dash.victimsByForm", { year })} />}
          <table>
            <caption className="visually-hidden">{t("dash.victimsByForm", { year })}</caption>
            <thead><tr><th scope="col">{t("dash.form")}</th><th scope="col">{t("dash.victims")}</th></tr></thead>
            <tbody>
              {(figures.data?.victims.cells ?? []).map((c) => (
                <tr key={String(c.keys[0])}><th scope="row">{label("exploitationForm", c.keys[0])}</th><td>{c.withheld ? t("dash.withheld") : fmtNumber(c.value)}</td></tr>
              ))}
              {figures.data && figures.data.victims.cells?.length === 0 && <tr><td colSpan={2} className="muted">{t("app.empty")}</td></tr>}
            </tbody>
          </table>
        </article>
        <article className="card" aria-labelledby="dash-offtrack">
          <h2 id="dash-offtrack">{t("dash.offTrack")}</h2>
          <ErrorBox error={strategies.error ?? offTrack.error} />
          {strategy && <p className="small">{strategy.title.text} — {t("strat.period")} <bdi>{offTrack.data?.strategyDashboard.period ?? "…"}</bdi>{!inStrategy && <> ({t("dash.outsideStrategy")})</>}</p>}
          {offTrack.data ? <OffTrackList items={offTrack.data.strategyDashboard.indicatorsOffTrack} /> : strategy ? <Loading /> : <p className="muted">{t("app.empty")}</p>}
          {offTrack.data && <p className="small">{t("strat.actionsOverdue")} : {fmtNumber(offTrack.data.strategyDashboard.actionsOverdue.length)}</p>}
          <Link to="/strategy">{t("dash.toStrategy")}</Link>
        </article>
      </div>

      <div className="grid2">
        <article className="card">
          <h2>{t("dash.referralsByOrg")}</h2>
          <ErrorBox error={statsError} />
          {stats === null && !statsError ? <Loading /> : <BarChart labels={orgLabels} series={orgSeries} title={t("dash.referralsByOrg")} />}
          <table>
            <caption className="visually-hidden">{t("dash.referralsByOrg")}</caption>
            <thead>
              <tr><th scope="col">{t("dash.organization")}</th><th scope="col">{t("dash.sent")}</th><th scope="col">{t("dash.received")}</th><th scope="col">{t("dash.acceptance")}</th><th scope="col">{t("dash.median")}</th></tr>
            </thead>
            <tbody>
              {active.map((s) => (
                <tr key={s.organization.code}>
                  <th scope="row">{s.organization.name}</th>
                  <td>{fmtNumber(s.referralStatistics.sent)}</td>
                  <td>{fmtNumber(s.referralStatistics.received)}</td>
                  <td>{fmtPercent(s.referralStatistics.acceptanceRate)}</td>
                  <td>{fmtNumber(s.referralStatistics.medianResponseMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
        <article className="card">
          <h2>{t("dash.coverageChart")}</h2>
          <ErrorBox error={gaps.error} onRetry={gaps.reload} />
          {gaps.loading ? <Loading /> : <BarChart labels={gapLabels} series={gapSeries} title={t("dash.coverageChart")} />}
          <details>
            <summary>{t("dash.coverage")}</summary>
            <table>
              <thead><tr><th scope="col">{t("net.category")}</th><th scope="col">{t("dash.governorate")}</th><th scope="col">{t("dash.nearest")}</th><th scope="col">{t("dash.distance")}</th></tr></thead>
              <tbody>
                {gapRows.flatMap((r) =>
                  r.gaps.map((g) => (
                    <tr key={`${r.category}-${g.governorate.code}`}>
                      <td>{label("category", r.category)}</td>
                      <td>{label("governorate", g.governorate.code)}</td>
                      <td>{g.nearestService?.name ?? "—"}</td>
                      <td>{fmtNumber(g.distanceKm)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </details>
        </article>
      </div>

      {national && (
        <div className="grid3">
          <article className="card">
            <h2>{t("dash.overdue")}</h2>
            <ErrorBox error={work.error} onRetry={work.reload} />
            <ul className="plain">
              {(work.data?.overdueTransmissions ?? []).map((o) => (
                <li key={o.reportId}>
                  <Link to={`/reports/${o.reportId}`}><Ltr>{o.reference}</Ltr></Link> — {t("dash.daysOverdue")} : {fmtNumber(o.daysOverdue)}
                </li>
              ))}
              {work.data && work.data.overdueTransmissions.length === 0 && <li className="muted">{t("app.empty")}</li>}
            </ul>
          </article>
          <article className="card">
            <h2>{t("dash.unanswered")}</h2>
            <ul className="plain">
              {(work.data?.pending.nodes ?? []).slice(0, 10).map((r) => (
                <li key={r.id}>
                  <Ltr>{r.case?.reference ?? "—"}</Ltr> — {r.service?.name ?? "—"} <span className="muted">({fmtDate(r.createdAt)} · {enumLabel("Urgency", r.urgency)})</span>
                </li>
              ))}
              {work.data && work.data.pending.nodes.length === 0 && <li className="muted">{t("app.empty")}</li>}
            </ul>
          </article>
          <article className="card">
            <h2>{t("dash.urgentReports")}</h2>
            <ul className="plain">
              {urgent.map((r) => (
                <li key={r.id}>
                  <Link to={`/reports/${r.id}`}><Ltr>{r.reference}</Ltr></Link> — {label("governorate", r.governorate)} <span className="muted">({fmtDate(r.receivedAt)})</span>
                </li>
              ))}
              {work.data && urgent.length === 0 && <li className="muted">{t("app.empty")}</li>}
            </ul>
          </article>
        </div>
      )}
    </section>
  );
}
