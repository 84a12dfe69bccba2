import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ErrorBox, errorText, Field, Loading, Ltr, Notice, StatusBadge, useMutation, useQuery } from "../components/ui";
import { openTransmissionPdf } from "../components/pdf";
import { codes } from "../i18n/catalogues";
import { enumLabel, fmtDate, fmtNumber, label } from "../i18n";

const REPORT = `query ConsoleReport($id: ID!) {
  report(id: $id) {
    report { id reference channel status governorate place occurredOn exploitationForms indicators personsAtRisk minorsInvolved urgency
      receivedAt qualifiedAt reporterAgreesToShareIdentity linkedCaseId hasNarrative hasReporterContact }
    narrative reporterContact messages { direction body at }
  }
  reportCustodyChain(reportId: $id) { action at actorRole detail }
  possibleDuplicateReports(reportId: $id) { reportId reference status score }
  transmissions(first: 100) { id reportId courtName status contentHash sentAt acknowledgedAt courtCaseNumber courtStatus }
}`;
const CASES = `query ConsoleLinkableCases { cases(first: 100) { nodes { id reference victim { alias } } } }`;
const STATUS = `mutation ConsoleReportStatus($reportId: ID!, $status: ReportStatus!, $reason: String) { changeReportStatus(reportId: $reportId, status: $status, reason: $reason) { id status } }`;
const REPLY = `mutation ConsoleReply($reportId: ID!, $body: String!) { replyToReporter(reportId: $reportId, body: $body) }`;
const NOTE = `mutation ConsoleNote($reportId: ID!, $body: String!) { addReportNote(reportId: $reportId, body: $body) }`;
const LINK = `mutation ConsoleLink($reportId: ID!, $caseId: ID!) { linkReportToCase(reportId: $reportId, caseId: $caseId) { id status linkedCaseId } }`;
const TRANSMIT = `mutation ConsoleTransmit($reportId: ID!, $include: [PackageField!]!, $courtCode: String) {
  transmitReport(reportId: $reportId, include: $include, courtCode: $courtCode) { id courtName contentHash status }
}`;

interface Report {
  id: string; reference: string; channel: string; status: string; governorate: string | null; place: string | null; occurredOn: string | null;
  exploitationForms: string[]; indicators: string[]; personsAtRisk: number | null; minorsInvolved: boolean; urgency: string; receivedAt: string;
  qualifiedAt: string | null; reporterAgreesToShareIdentity: boolean; linkedCaseId: string | null; hasNarrative: boolean; hasReporterContact: boolean;
}
interface Data {
  report: { report: Report; narrative: string | null; reporterContact: string | null; messages: { direction: string; body: string; at: string }[] };
  reportCustodyChain: { action: string; at: string; actorRole: string | null; detail: string | null }[];
  possibleDuplicateReports: { reportId: string; reference: string; status: string; score: number }[];
  transmissions: { id: string; reportId: string; courtName: string; status: string; contentHash: string; sentAt: string; acknowledgedAt: string | null; courtCaseNumber: string | null; courtStatus: string | null }[];
}

export default function ReportPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const result = useQuery<Data>(REPORT, { id });
  if (result.loading && !result.data) return <Loading />;
  if (result.error) return <ErrorBox error={result.error} onRetry={result.reload} />;
  const data = result.data!;
  const r = data.report.report;
  const transmission = data.transmissions.find((x) => x.reportId === r.id);
  return (
    <section aria-labelledby="report-title">
      <div className="title-row">
        <h1 id="report-title"><Ltr>{r.reference}</Ltr></h1>
        <StatusBadge kind="report" value={r.status} text={enumLabel("ReportStatus", r.status)} />
        <StatusBadge kind="urgency" value={r.urgency} text={enumLabel("Urgency", r.urgency)} />
      </div>
      <div className="grid2">
        <article className="card">
          <dl className="facts">
            <dt>{t("rep.received")}</dt><dd>{fmtDate(r.receivedAt, true)}</dd>
            <dt>{t("rep.channel")}</dt><dd>{enumLabel("ReportChannel", r.channel)}</dd>
            <dt>{t("dash.governorate")}</dt><dd>{label("governorate", r.governorate)}</dd>
            <dt>{t("rep.place")}</dt><dd>{r.place ?? "—"}</dd>
            <dt>{t("rep.occurredOn")}</dt><dd><Ltr>{r.occurredOn ?? "—"}</Ltr></dd>
            <dt>{t("cases.forms")}</dt><dd>{r.exploitationForms.map((f) => label("exploitationForm", f)).join(", ") || "—"}</dd>
            <dt>{t("rep.indicators")}</dt><dd>{r.indicators.map((i) => label("indicator", i)).join(" · ") || "—"}</dd>
            <dt>{t("rep.persons")}</dt><dd>{fmtNumber(r.personsAtRisk)}</dd>
            <dt>{t("rep.minors")}</dt><dd>{r.minorsInvolved ? t("app.yes") : t("app.no")}</dd>
            <dt>{t("rep.linkedCase")}</dt><dd>{r.linkedCaseId ? <Link to={`/cases/${encodeURIComponent(r.linkedCaseId)}`}>{t("app.yes")}</Link> : "—"}</dd>
          </dl>
          <h2>{t("rep.narrative")}</h2>
          <p className="narrative">{data.report.narrative ?? "—"}</p>
          {data.report.reporterContact && (<><h3>{t("rep.contact")}</h3><p><Ltr>{data.report.reporterContact}</Ltr></p></>)}
          {data.possibleDuplicateReports.length > 0 && (
            <>
              <h3>{t("rep.duplicates")}</h3>
              <ul className="plain">{data.possibleDuplicateReports.map((d) => <li key={d.reportId}><Link to={`/reports/${encodeURIComponent(d.reportId)}`}><Ltr>{d.reference}</Ltr></Link> · {enumLabel("ReportStatus", d.status)} · {d.score}</li>)}</ul>
            </>
          )}
        </article>
        <div className="stack">
          <Triage report={r} onDone={result.reload} />
          <Messages reportId={r.id} messages={data.report.messages} onDone={result.reload} />
        </div>
      </div>
      <div className="grid2">
        <Transmit data={data} transmission={transmission} onDone={result.reload} />
        <article className="card">
          <h2>{t("rep.custody")}</h2>
          <ol className="timeline">
            {data.reportCustodyChain.map((e, i) => (
              <li key={i} data-action={e.action}><strong>{enumLabel("CustodyAction", e.action)}</strong> <span className="muted">{fmtDate(e.at, true)} · {e.actorRole ? t(`role.${e.actorRole}`) : "—"}</span>
                {e.detail && <div className="small"><Ltr>{e.detail}</Ltr></div>}</li>
            ))}
          </ol>
        </article>
      </div>
    </section>
  );
}

function Triage({ report, onDone }: { report: Report; onDone: () => void }) {
  const { t } = useTranslation();
  const status = useMutation<{ changeReportStatus: { id: string } }>(STATUS);
  const link = useMutation<{ linkReportToCase: { id: string } }>(LINK);
  const cases = useQuery<{ cases: { nodes: { id: string; reference: string; victim: { alias: string } | null }[] } }>(CASES, undefined, report.status !== "UNDER_REVIEW");
  const [reason, setReason] = useState("");
  const [caseId, setCaseId] = useState("");
  const [done, setDone] = useState(false);
  async function move(next: string) {
    if (await status.run({ reportId: report.id, status: next, reason: reason || null })) { setDone(true); onDone(); }
  }
  async function attach() {
    if (await link.run({ reportId: report.id, caseId })) { setDone(true); onDone(); }
  }
  return (
    <article className="card">
      <h2>{t("rep.triage")}</h2>
      {report.status === "RECEIVED" && <button type="button" onClick={() => void move("UNDER_REVIEW")} disabled={status.busy}>{t("rep.review")}</button>}
      {(report.status === "RECEIVED" || report.status === "UNDER_REVIEW") && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void move("CLOSED_UNFOUNDED"); }}>
          <Field label={t("rep.reason")}><input value={reason} required onChange={(e) => setReason(e.target.value)} /></Field>
          <button type="submit" className="danger" disabled={status.busy || !reason}>{t("rep.unfounded")}</button>
        </form>
      )}
      {report.status === "UNDER_REVIEW" && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void attach(); }}>
          <Field label={t("rep.link")}>
            <select value={caseId} onChange={(e) => setCaseId(e.target.value)} required>
              <option value="">{t("assist.chooseCase")}</option>
              {(cases.data?.cases.nodes ?? []).map((c) => <option key={c.id} value={c.id}>{c.reference} — {c.victim?.alias ?? ""}</option>)}
            </select>
          </Field>
          <button type="submit" disabled={link.busy || !caseId}>{t("rep.link")}</button>
        </form>
      )}
      {done && <Notice>{t("rep.statusChanged")}</Notice>}
      <ErrorBox error={status.error ?? link.error} />
    </article>
  );
}

function Messages({ reportId, messages, onDone }: { reportId: string; messages: Data["report"]["messages"]; onDone: () => void }) {
  const { t } = useTranslation();
  const reply = useMutation<{ replyToReporter: boolean }>(REPLY);
  const note = useMutation<{ addReportNote: boolean }>(NOTE);
  const [text, setText] = useState("");
  const [internal, setInternal] = useState("");
  return (
    <article className="card">
      <h2>{t("rep.messages")}</h2>
      <ol className="messages">
        {messages.map((m, i) => (
          <li key={i} className={`message message-${m.direction.toLowerCase()}`}>
            <span className="muted small">{m.direction === "INTERNAL_NOTE" ? t("rep.note") : m.direction === "FROM_REPORTER" ? "←" : "→"} {fmtDate(m.at, true)}</span>
            <p>{m.body}</p>
          </li>
        ))}
        {messages.length === 0 && <li className="muted">{t("app.empty")}</li>}
      </ol>
      <form onSubmit={async (e) => { e.preventDefault(); if (await reply.run({ reportId, body: text })) { setText(""); onDone(); } }}>
        <Field label={t("rep.reply")}><textarea value={text} rows={2} maxLength={2000} onChange={(e) => setText(e.target.value)} /></Field>
        <button type="submit" disabled={reply.busy || !text.trim()}>{t("rep.send")}</button>
        <ErrorBox error={reply.error} />
      </form>
      <form onSubmit={async (e) => { e.preventDefault(); if (await note.run({ reportId, body: internal })) { setInternal(""); onDone(); } }}>
        <Field label={t("rep.note")}><textarea value={internal} rows={2} maxLength={2000} onChange={(e) => setInternal(e.target.value)} /></Field>
        <button type="submit" className="secondary" disabled={note.busy || !internal.trim()}>{t("rep.addNote")}</button>
        <ErrorBox error={note.error} />
      </form>
    </article>
  );
}

const FIELDS = ["REFERENCE", "RECEIVED_AT", "GOVERNORATE", "PLACE", "OCCURRED_ON", "EXPLOITATION_FORMS", "INDICATORS", "PERSONS_AT_RISK", "MINORS_INVOLVED", "URGENCY", "NARRATIVE", "LINKED_CASE_REFERENCE", "REPORTER_CONTACT"];

function Transmit({ data, transmission, onDone }: { data: Data; transmission: Data["transmissions"][number] | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const r = data.report.report;
  const transmit = useMutation<{ transmitReport: { id: string; courtName: string; contentHash: string } }>(TRANSMIT);
  const [include, setInclude] = useState<string[]>(FIELDS.filter((f) => f !== "REPORTER_CONTACT"));
  const [court, setCourt] = useState("");
  const [pdfError, setPdfError] = useState<unknown>(null);
  const values: Record<string, ReactNode> = {
    REFERENCE: <Ltr>{r.reference}</Ltr>, RECEIVED_AT: fmtDate(r.receivedAt, true), GOVERNORATE: label("governorate", r.governorate), PLACE: r.place ?? "—",
    OCCURRED_ON: r.occurredOn ?? "—", EXPLOITATION_FORMS: r.exploitationForms.map((f) => label("exploitationForm", f)).join(", ") || "—",
    INDICATORS: r.indicators.map((i) => label("indicator", i)).join(" · ") || "—", PERSONS_AT_RISK: fmtNumber(r.personsAtRisk),
    MINORS_INVOLVED: r.minorsInvolved ? t("app.yes") : t("app.no"), URGENCY: enumLabel("Urgency", r.urgency), NARRATIVE: data.report.narrative ?? "—",
    LINKED_CASE_REFERENCE: r.linkedCaseId ? t("app.yes") : "—", REPORTER_CONTACT: data.report.reporterContact ?? "—",
  };
  async function pdf(id: string) {
    setPdfError(null);
    try { await openTransmissionPdf(id); } catch (e) { setPdfError(e); }
  }
  if (transmission) {
    return (
      <article className="card">
        <h2>{t("rep.transmit")}</h2>
        <Notice>{t("rep.transmitted", { court: transmission.courtName, hash: transmission.contentHash.slice(0, 16) })}</Notice>
        <p className="small">{t("tr.sentAt")} : {fmtDate(transmission.sentAt, true)} · {transmission.status}{transmission.courtCaseNumber && <> · <Ltr>{transmission.courtCaseNumber}</Ltr></>}</p>
        <button type="button" onClick={() => void pdf(transmission.id)}>{t("rep.pdf")}</button>
        {pdfError !== null && <p role="alert" className="warn">{errorText(pdfError, t)}</p>}
      </article>
    );
  }
  if (r.status !== "LINKED_TO_CASE" && r.status !== "UNDER_REVIEW") return <article className="card"><h2>{t("rep.transmit")}</h2><p className="muted">—</p></article>;
  return (
    <article className="card">
      <h2>{t("rep.transmit")}</h2>
      <form onSubmit={async (e) => { e.preventDefault(); if (await transmit.run({ reportId: r.id, include, courtCode: court || null })) onDone(); }}>
        <Field label={t("rep.court")}>
          <select value={court} onChange={(e) => setCourt(e.target.value)}>
            <option value="">{t("rep.courtDefault")}</option>
            {codes("court").map((c) => <option key={c} value={c}>{label("court", c)}</option>)}
          </select>
        </Field>
        <fieldset>
          <legend>{t("rep.include")}</legend>
          <div className="checks">
            {FIELDS.map((f) => (
              <label key={f} className="check">
                <input type="checkbox" checked={include.includes(f)} disabled={f === "REPORTER_CONTACT" && !r.reporterAgreesToShareIdentity}
                  onChange={(e) => setInclude((all) => (e.target.checked ? [...all, f] : all.filter((x) => x !== f)))} />
                {enumLabel("PackageField", f)}
              </label>
            ))}
          </div>
        </fieldset>
        <h3>{t("rep.preview")}</h3>
        <dl className="facts preview">
          {FIELDS.filter((f) => include.includes(f)).map((f) => (<div key={f} className="fact"><dt>{enumLabel("PackageField", f)}</dt><dd>{values[f]}</dd></div>))}
        </dl>
        <ErrorBox error={transmit.error} />
        <button type="submit" disabled={transmit.busy || include.length === 0}>{t("rep.transmit")}</button>
      </form>
    </article>
  );
}
