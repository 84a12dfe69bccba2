import { useMemo, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ErrorBox, Field, Loading, Ltr, StatusBadge, usePolling, useQuery } from "../components/ui";
import { GOVERNORATES } from "../i18n/catalogues";
import { enumLabel, fmtDate, label, lang } from "../i18n";

const REPORTS = `query ConsoleReports($status: ReportStatus) {
  reports(first: 100, status: $status) { totalCount nodes { id reference channel status governorate urgency minorsInvolved receivedAt linkedCaseId } }
  overdueTransmissions(first: 100) { reportId daysOverdue }
}`;
interface Row { id: string; reference: string; channel: string; status: string; governorate: string | null; urgency: string; minorsInvolved: boolean; receivedAt: string; linkedCaseId: string | null }

export default function Reports() {
  const { t } = useTranslation();
  const [status, setStatus] = useState("");
  const [governorate, setGovernorate] = useState("");
  const list = useQuery<{ reports: { totalCount: number | null; nodes: Row[] }; overdueTransmissions: { reportId: string; daysOverdue: number }[] }>(REPORTS, { status: status || null });
  usePolling(list.reload, 30_000);
  const overdue = useMemo(() => new Map((list.data?.overdueTransmissions ?? []).map((o) => [o.reportId, o.daysOverdue])), [list.data]);
  const rows = (list.data?.reports.nodes ?? []).filter((r) => !governorate || r.governorate === governorate);
  const order = { URGENT: 0, PRIORITY: 1, ROUTINE: 2 } as Record<string, number>;
  rows.sort((a, b) => (order[a.urgency] - order[b.urgency]) || b.receivedAt.localeCompare(a.receivedAt));
  return (
    <section aria-labelledby="rep-title">
      <h1 id="rep-title">{t("rep.title")}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <Field label={t("cases.status")}>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("app.all")}</option>
            {["RECEIVED", "UNDER_REVIEW", "LINKED_TO_CASE", "TRANSMITTED", "CLOSED_UNFOUNDED"].map((s) => <option key={s} value={s}>{enumLabel("ReportStatus", s)}</option>)}
          </select>
        </Field>
        <Field label={t("dash.governorate")}>
          <select value={governorate} onChange={(e) => setGovernorate(e.target.value)}>
            <option value="">{t("app.all")}</option>
            {GOVERNORATES.map((g) => <option key={g.code} value={g.code}>{g.names[lang()]}</option>)}
          </select>
        </Field>
      </form>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : (
        <table className="list">
          <thead>
            <tr><th scope="col">{t("cases.reference")}</th><th scope="col">{t("assist.urgency")}</th><th scope="col">{t("cases.status")}</th>
              <th scope="col">{t("rep.channel")}</th><th scope="col">{t("dash.governorate")}</th><th scope="col">{t("rep.received")}</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.urgency === "URGENT" ? "row-urgent" : undefined}>
                <th scope="row"><Link to={`/reports/${encodeURIComponent(r.id)}`}><Ltr>{r.reference}</Ltr></Link></th>
                <td><StatusBadge kind="urgency" value={r.urgency} text={enumLabel("Urgency", r.urgency)} />{r.minorsInvolved && <span className="badge badge-minor">{t("cases.minor")}</span>}</td>
                <td><StatusBadge kind="report" value={r.status} text={enumLabel("ReportStatus", r.status)} />
                  {overdue.has(r.id) && <div className="warn small">{t("rep.overdue")} ({overdue.get(r.id)} j)</div>}</td>
                <td>{enumLabel("ReportChannel", r.channel)}</td>
                <td>{label("governorate", r.governorate)}</td>
                <td>{fmtDate(r.receivedAt, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && rows.length === 0 && <p className="muted">{t("app.empty")}</p>}
    </section>
  );
}
