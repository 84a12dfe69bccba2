// Approvals waiting for me: identifications (a coordinator other than the requester decides) and transfers (the
// organisation asked accepts or refuses). Each decision carries a reason; the API's refusal is shown as it says it.
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ErrorBox, Field, Loading, Ltr, Notice, StatusBadge, useMutation, useQuery } from "../components/ui";
import { enumLabel, fmtDate } from "../i18n";
import "./oversight.css";

const PENDING = `query ConsolePendingApprovals($kind: ApprovalKind) {
  pendingApprovals(kind: $kind) { id kind status reason caseReference requestedAt requestedByUserId
    case { id reference status } targetOrganization { name } }
}`;
const DECIDE = `mutation ConsoleDecideIdentification($requestId: ID!, $approve: Boolean!, $reason: String!) {
  decideIdentification(requestId: $requestId, approve: $approve, reason: $reason) { id status decidedAt decisionReason }
}`;
const TRANSFER = `mutation ConsoleRespondToTransfer($requestId: ID!, $accept: Boolean!, $reason: String) {
  respondToTransfer(requestId: $requestId, accept: $accept, reason: $reason) { id status decidedAt decisionReason }
}`;

export interface Approval {
  id: string; kind: string; status: string; reason: string | null; caseReference: string | null; requestedAt: string;
  requestedByUserId: string | null; case: { id: string; reference: string; status: string } | null;
  targetOrganization: { name: string } | null;
}

function Decision({ approval, onDone }: { approval: Approval; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const identification = approval.kind === "IDENTIFICATION";
  const decide = useMutation<unknown>(identification ? DECIDE : TRANSFER);
  const [reason, setReason] = useState("");
  const ref = approval.case?.reference ?? approval.caseReference ?? "";
  async function answer(yes: boolean) {
    const variables = identification
      ? { requestId: approval.id, approve: yes, reason }
      : { requestId: approval.id, accept: yes, reason: reason || null };
    if (await decide.run(variables)) onDone(t(yes ? "appr.approvedDone" : "appr.rejectedDone", { reference: ref }));
  }
  return (
    <form className="inline-form" onSubmit={(e) => e.preventDefault()} aria-label={t("appr.decideOn", { reference: ref })}>
      <Field label={t("appr.reason")} hint={identification ? t("appr.reasonRequired") : undefined}>
        <input name="decision-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="button" disabled={decide.busy} onClick={() => void answer(true)}>
        {identification ? t("appr.approve") : t("appr.accept")}
      </button>
      <button type="button" className="secondary" disabled={decide.busy} onClick={() => void answer(false)}>
        {identification ? t("appr.reject") : t("appr.refuse")}
      </button>
      <ErrorBox error={decide.error} />
    </form>
  );
}

export default function Approvals() {
  const { t } = useTranslation();
  const [kind, setKind] = useState("");
  const pending = useQuery<{ pendingApprovals: Approval[] }>(PENDING, { kind: kind || null });
  const [done, setDone] = useState<string | null>(null);
  const items = pending.data?.pendingApprovals ?? [];
  return (
    <section aria-labelledby="appr-title">
      <h1 id="appr-title">{t("appr.title")}</h1>
      <p className="muted small">{t("appr.intro")}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <Field label={t("appr.kind")}>
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t("app.all")}</option>
            <option value="IDENTIFICATION">{enumLabel("ApprovalKind", "IDENTIFICATION")}</option>
            <option value="TRANSFER">{enumLabel("ApprovalKind", "TRANSFER")}</option>
          </select>
        </Field>
        <button type="button" className="secondary" onClick={pending.reload}>{t("app.refresh")}</button>
      </form>
      {done && <Notice>{done}</Notice>}
      <ErrorBox error={pending.error} onRetry={pending.reload} />
      {pending.loading && !pending.data && <Loading />}
      <ul className="plain section-list">
        {items.map((a) => (
          <li key={a.id} className="card" data-approval={a.kind}>
            <div className="title-row">
              <strong>{enumLabel("ApprovalKind", a.kind)}</strong>
              <StatusBadge kind="approval" value={a.status} text={enumLabel("ApprovalStatus", a.status)} />
              {a.case ? <Link to={`/cases/${encodeURIComponent(a.case.id)}`}><Ltr>{a.case.reference}</Ltr></Link> : <Ltr>{a.caseReference ?? "—"}</Ltr>}
              {a.case && <span className="small">{enumLabel("CaseStatus", a.case.status)}</span>}
            </div>
            <p className="small">
              {t("appr.requestedAt", { when: fmtDate(a.requestedAt, true) })}
              {a.targetOrganization && <> · {t("appr.to", { organization: a.targetOrganization.name })}</>}
            </p>
            {a.reason && <p>{t("appr.requestReason")} : {a.reason}</p>}
            {a.status === "PENDING" && <Decision approval={a} onDone={(text) => { setDone(text); pending.reload(); }} />}
          </li>
        ))}
        {pending.data && items.length === 0 && <li className="muted">{t("appr.none")}</li>}
      </ul>
    </section>
  );
}
