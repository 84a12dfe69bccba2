import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorBox, errorText, Field, Loading, Ltr, useMutation, useQuery } from "../components/ui";
import { openTransmissionPdf } from "../components/pdf";
import { enumLabel, fmtDate } from "../i18n";

const LIST = `query ConsoleTransmissions { transmissions(first: 100) { id reportReference courtName status includedFields contentHash sentAt acknowledgedAt courtCaseNumber courtStatus } }`;
const ACK = `mutation ConsoleAck($id: ID!) { acknowledgeTransmission(id: $id) { id status } }`;
const FOLLOW = `mutation ConsoleFollowUp($id: ID!, $courtCaseNumber: String!, $courtStatus: CourtStatus!) { recordCourtFollowUp(id: $id, courtCaseNumber: $courtCaseNumber, courtStatus: $courtStatus) { id status } }`;

interface Row { id: string; reportReference: string; courtName: string; status: string; includedFields: string[]; contentHash: string; sentAt: string; acknowledgedAt: string | null; courtCaseNumber: string | null; courtStatus: string | null }

export default function Transmissions() {
  const { t } = useTranslation();
  const list = useQuery<{ transmissions: Row[] }>(LIST);
  return (
    <section aria-labelledby="tr-title">
      <h1 id="tr-title">{t("tr.title")}</h1>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {(list.data?.transmissions ?? []).map((row) => <TransmissionCard key={row.id} row={row} onDone={list.reload} />)}
      {list.data && list.data.transmissions.length === 0 && <p className="muted">{t("app.empty")}</p>}
    </section>
  );
}

function TransmissionCard({ row, onDone }: { row: Row; onDone: () => void }) {
  const { t } = useTranslation();
  const ack = useMutation<{ acknowledgeTransmission: { id: string } }>(ACK);
  const follow = useMutation<{ recordCourtFollowUp: { id: string } }>(FOLLOW);
  const [number, setNumber] = useState(row.courtCaseNumber ?? "");
  const [status, setStatus] = useState(row.courtStatus ?? "PRELIMINARY_INQUIRY");
  const [pdfError, setPdfError] = useState<unknown>(null);
  return (
    <article className="card">
      <h2><Ltr>{row.reportReference}</Ltr> — {row.courtName}</h2>
      <p className="small">{t("tr.sentAt")} : {fmtDate(row.sentAt, true)} · {row.status} · <Ltr>{row.contentHash.slice(0, 16)}</Ltr></p>
      <p className="small">{row.includedFields.map((f) => enumLabel("PackageField", f)).join(", ")}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void openTransmissionPdf(row.id).catch(setPdfError)}>{t("rep.pdf")}</button>
        {!row.acknowledgedAt && <button type="button" disabled={ack.busy} onClick={async () => { if (await ack.run({ id: row.id })) onDone(); }}>{t("tr.ack")}</button>}
      </div>
      {pdfError !== null && <p role="alert" className="warn">{errorText(pdfError, t)}</p>}
      {row.acknowledgedAt && (
        <form className="inline-form" onSubmit={async (e) => { e.preventDefault(); if (await follow.run({ id: row.id, courtCaseNumber: number, courtStatus: status })) onDone(); }}>
          <Field label={t("tr.caseNumber")}><input value={number} dir="ltr" required onChange={(e) => setNumber(e.target.value)} /></Field>
          <Field label={t("tr.followUp")}>
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              {["PRELIMINARY_INQUIRY", "INVESTIGATION_OPENED", "PROSECUTION", "JUDGMENT", "DISMISSED"].map((s) => <option key={s} value={s}>{enumLabel("CourtStatus", s)}</option>)}
            </select>
          </Field>
          <button type="submit" disabled={follow.busy || !number}>{t("app.save")}</button>
        </form>
      )}
      <ErrorBox error={ack.error ?? follow.error} />
    </article>
  );
}
