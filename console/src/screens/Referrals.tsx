import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { globalId } from "../api/graphql";
import { ErrorBox, Field, Loading, Ltr, Notice, StatusBadge, useMutation, usePolling, useQuery } from "../components/ui";
import { enumLabel, fmtDate, fmtNumber, label } from "../i18n";

const REFERRALS = `query ConsoleReferrals($direction: ReferralDirection) {
  referrals(first: 100, direction: $direction) {
    nodes { id status urgency note createdAt respondedAt completedAt declineReason outcome version
      case { id reference } service { id name category organization { name } } }
  }
}`;
const RESPOND = `mutation ConsoleRespond($input: RespondToReferralInput!) { respondToReferral(input: $input) { id status } }`;
const COMPLETE = `mutation ConsoleComplete($input: CompleteReferralInput!) { completeReferral(input: $input) { id status } }`;
const MY_SERVICES = `query ConsoleMyServices($id: ID!) { node(id: $id) { ... on Organization { code name services { id name category status version capacity { unit maximum available updatedAt } } } } }`;
const CAPACITY = `mutation ConsoleCapacity($serviceId: ID!, $available: Int!, $expectedVersion: Int) {
  updateServiceCapacity(serviceId: $serviceId, available: $available, expectedVersion: $expectedVersion) { id version capacity { available maximum } }
}`;

interface Referral {
  id: string; status: string; urgency: string; note: string | null; createdAt: string; respondedAt: string | null; completedAt: string | null;
  declineReason: string | null; outcome: string | null; case: { id: string; reference: string } | null;
  service: { id: string; name: string; category: string; organization: { name: string } | null } | null;
}

export default function Referrals() {
  const { t } = useTranslation();
  const session = currentSession();
  const partner = session?.role === "PARTNER_AGENT";
  // National roles see the whole network's referrals; the others, what their organisation received and sent.
  const national = session?.role === "ADMIN" || session?.role === "COORDINATOR";
  const received = useQuery<{ referrals: { nodes: Referral[] } }>(REFERRALS, { direction: national ? null : "RECEIVED" });
  const sent = useQuery<{ referrals: { nodes: Referral[] } }>(REFERRALS, { direction: "SENT" }, partner || national);
  // Accepting or completing a referral moves a unit of capacity: the capacity panel is read again after each.
  const [changes, setChanges] = useState(0);
  usePolling(() => { received.reload(); if (!partner && !national) sent.reload(); }, 20_000);
  return (
    <section aria-labelledby="ref-title">
      <div className="title-row">
        <h1 id="ref-title">{t("ref.title")}</h1>
        <button type="button" className="secondary" onClick={() => { received.reload(); sent.reload(); }}>{t("app.refresh")}</button>
      </div>
      {session?.organizationId && (session.role === "PARTNER_AGENT" || session.role === "ADMIN" || session.role === "COORDINATOR") && (
        <Capacity organizationId={session.organizationId} changes={changes} />
      )}
      <Board title={national ? t("ref.all") : t("ref.incoming")} state={received} incoming onChange={() => setChanges((n) => n + 1)} />
      {!partner && !national && <Board title={t("ref.outgoing")} state={sent} incoming={false} />}
    </section>
  );
}

function Board({ title, state, incoming, onChange }: { title: string; state: ReturnType<typeof useQuery<{ referrals: { nodes: Referral[] } }>>; incoming: boolean; onChange?: () => void }) {
  const { t } = useTranslation();
  const rows = state.data?.referrals.nodes ?? [];
  return (
    <article className="card">
      <h2>{title}</h2>
      <ErrorBox error={state.error} onRetry={state.reload} />
      {state.loading && !state.data && <Loading />}
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t("ref.case")}</th><th scope="col">{t("ref.service")}</th><th scope="col">{t("cases.status")}</th>
            <th scope="col">{t("assist.urgency")}</th><th scope="col">{t("ref.created")}</th><th scope="col">{t("ref.note")}</th>
            {incoming && <th scope="col">{t("ref.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-referral={r.id}>
              <th scope="row">{r.case ? <Link to={`/cases/${encodeURIComponent(r.case.id)}`}><Ltr>{r.case.reference}</Ltr></Link> : "—"}</th>
              <td>{r.service?.name ?? "—"}<div className="muted small">{r.service?.organization?.name} · {label("category", r.service?.category)}</div></td>
              <td><StatusBadge kind="referral" value={r.status} text={enumLabel("ReferralStatus", r.status)} />
                {r.declineReason && <div className="muted small">{enumLabel("DeclineReason", r.declineReason)}</div>}</td>
              <td>{enumLabel("Urgency", r.urgency)}</td>
              <td>{fmtDate(r.createdAt, true)}</td>
              <td>{r.note ?? ""}{r.outcome && <div className="muted small">{r.outcome}</div>}</td>
              {incoming && <td><Actions referral={r} onDone={() => { state.reload(); onChange?.(); }} /></td>}
            </tr>
          ))}
        </tbody>
      </table>
      {state.data && rows.length === 0 && <p className="muted">{t("app.empty")}</p>}
    </article>
  );
}

function Actions({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useTranslation();
  const respond = useMutation<{ respondToReferral: { id: string } }>(RESPOND);
  const complete = useMutation<{ completeReferral: { id: string } }>(COMPLETE);
  const [mode, setMode] = useState<"" | "decline" | "complete">("");
  const [reason, setReason] = useState("NO_CAPACITY");
  const [outcome, setOutcome] = useState("");
  async function answer(accept: boolean) {
    if (await respond.run({ input: { referralId: referral.id, accept, reason: accept ? null : reason } })) onDone();
  }
  async function finish() {
    if (await complete.run({ input: { referralId: referral.id, outcome } })) onDone();
  }
  if (referral.status === "PENDING") {
    return (
      <div className="actions">
        <button type="button" onClick={() => void answer(true)} disabled={respond.busy}>{t("ref.accept")}</button>
        <button type="button" className="secondary" onClick={() => setMode(mode === "decline" ? "" : "decline")} aria-expanded={mode === "decline"}>{t("ref.decline")}</button>
        {mode === "decline" && (
          <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void answer(false); }}>
            <Field label={t("ref.declineReason")}>
              <select value={reason} onChange={(e) => setReason(e.target.value)}>
                {["NO_CAPACITY", "NOT_ELIGIBLE", "UNREACHABLE", "OTHER"].map((d) => <option key={d} value={d}>{enumLabel("DeclineReason", d)}</option>)}
              </select>
            </Field>
            <button type="submit" className="danger" disabled={respond.busy}>{t("ref.decline")}</button>
          </form>
        )}
        <ErrorBox error={respond.error} />
      </div>
    );
  }
  if (referral.status === "ACCEPTED") {
    return (
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setMode(mode === "complete" ? "" : "complete")} aria-expanded={mode === "complete"}>{t("ref.complete")}</button>
        {mode === "complete" && (
          <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void finish(); }}>
            <Field label={t("ref.outcome")}><input required value={outcome} onChange={(e) => setOutcome(e.target.value)} /></Field>
            <button type="submit" disabled={complete.busy || !outcome}>{t("app.save")}</button>
          </form>
        )}
        <ErrorBox error={complete.error} />
      </div>
    );
  }
  return null;
}

interface MyService { id: string; name: string; category: string; status: string; version: number; capacity: { unit: string | null; maximum: number | null; available: number | null } }

function Capacity({ organizationId, changes }: { organizationId: string; changes: number }) {
  const { t } = useTranslation();
  const org = useQuery<{ node: { code: string; name: string; services: MyService[] } | null }>(MY_SERVICES, { id: globalId("Organization", organizationId) });
  const { reload } = org;
  useEffect(() => {
    if (changes) reload();
  }, [changes, reload]);
  const services = org.data?.node?.services ?? [];
  if (org.loading && !org.data) return <Loading />;
  if (!services.length) return null;
  return (
    <article className="card">
      <h2>{t("ref.capacity")} — {org.data?.node?.name}</h2>
      <ErrorBox error={org.error} />
      <ul className="plain capacity">
        {services.map((s) => <CapacityRow key={s.id} service={s} onDone={org.reload} />)}
      </ul>
    </article>
  );
}

function CapacityRow({ service, onDone }: { service: MyService; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useMutation<{ updateServiceCapacity: { id: string } }>(CAPACITY);
  const [done, setDone] = useState(false);
  const available = service.capacity.available ?? 0;
  const maximum = service.capacity.maximum ?? 0;
  async function set(value: number) {
    setDone(false);
    if (await update.run({ serviceId: service.id, available: value, expectedVersion: service.version })) {
      setDone(true);
      onDone();
    }
  }
  return (
    <li>
      <span className="capacity-name">{service.name}</span>
      <span className="capacity-value" aria-live="polite">
        {t("ref.available")} : <strong>{fmtNumber(available)}</strong> {t("ref.of", { max: fmtNumber(maximum) })}
      </span>
      <button type="button" className="secondary" aria-label={`− ${service.name}`} disabled={update.busy || available <= 0} onClick={() => void set(available - 1)}>−1</button>
      <button type="button" className="secondary" aria-label={`+ ${service.name}`} disabled={update.busy || available >= maximum} onClick={() => void set(available + 1)}>+1</button>
      {done && <Notice>{t("ref.capacityUpdated")}</Notice>}
      <ErrorBox error={update.error} />
    </li>
  );
}
