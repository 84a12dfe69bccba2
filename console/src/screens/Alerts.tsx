import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ErrorBox, Loading, useMutation, usePolling, useQuery } from "../components/ui";
import { enumLabel, fmtDate } from "../i18n";

const ALERTS = `query ConsoleAlerts($unreadOnly: Boolean!) { alerts(unreadOnly: $unreadOnly, first: 100) { id kind title urgent subjectType subjectId createdAt acknowledgedAt escalatedAt } }`;
const ACK = `mutation ConsoleAckAlert($id: ID!) { acknowledgeAlert(id: $id) { id acknowledgedAt } }`;

interface Alert { id: string; kind: string; title: string; urgent: boolean; subjectType: string | null; subjectId: string | null; createdAt: string; acknowledgedAt: string | null; escalatedAt: string | null }

function subjectLink(alert: Alert): string | null {
  if (!alert.subjectId) return null;
  switch (alert.subjectType) {
    case "Report": return `/reports/${encodeURIComponent(alert.subjectId)}`;
    case "Case": return `/cases/${encodeURIComponent(alert.subjectId)}`;
    case "Referral": return "/referrals";
    case "Service": return "/referrals";
    default: return null;
  }
}

export default function Alerts() {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(false);
  const list = useQuery<{ alerts: Alert[] }>(ALERTS, { unreadOnly: unread });
  const ack = useMutation<{ acknowledgeAlert: { id: string } }>(ACK);
  usePolling(list.reload, 20_000);
  return (
    <section aria-labelledby="alerts-title">
      <div className="title-row">
        <h1 id="alerts-title">{t("alerts.title")}</h1>
        <label className="check"><input type="checkbox" checked={unread} onChange={(e) => setUnread(e.target.checked)} /> {t("alerts.unread")}</label>
      </div>
      <p className="muted small">{t("alerts.live")}</p>
      <ErrorBox error={list.error ?? ack.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      <ul className="plain alerts" aria-live="polite">
        {(list.data?.alerts ?? []).map((a) => {
          const to = subjectLink(a);
          return (
            <li key={a.id} className={`alert-item${a.urgent ? " urgent" : ""}${a.acknowledgedAt ? " seen" : ""}`}>
              <div>
                {a.urgent && <span className="badge badge-urgency-urgent">{t("alerts.urgent")}</span>} <strong>{a.title}</strong>
                <div className="muted small">{enumLabel("AlertKind", a.kind)} · {fmtDate(a.createdAt, true)}</div>
              </div>
              <div className="actions">
                {to && <Link to={to}>{t("alerts.open")}</Link>}
                {!a.acknowledgedAt && <button type="button" className="secondary" disabled={ack.busy} onClick={async () => { if (await ack.run({ id: a.id })) list.reload(); }}>{t("alerts.ack")}</button>}
              </div>
            </li>
          );
        })}
        {list.data && list.data.alerts.length === 0 && <li className="muted">{t("app.empty")}</li>}
      </ul>
    </section>
  );
}
