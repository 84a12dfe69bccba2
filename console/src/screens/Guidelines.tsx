// Guidelines per front-line actor type: every version (drafts for national roles), draft → approve by another
// national account (four eyes) → publish with an effective date; the printable PDF in French or Arabic.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { downloadDocument } from "../components/download";
import { ErrorBox, errorText, Field, Loading, Ltr, Notice, StatusBadge, useMutation, useQuery } from "../components/ui";
import { codes } from "../i18n/catalogues";
import { enumLabel, fmtDate, label } from "../i18n";
import { LocalizedInputs } from "../components/localized";

const SECTIONS = ["watchFor", "whatToDo", "whomToCall", "doNot"] as const;
type Section = (typeof SECTIONS)[number];
type Lists = { fr: string[]; ar: string[]; en: string[] };
const VERSIONS = `query ConsoleGuidelineVersions($actorType: String) {
  guidelineVersions(actorType: $actorType, first: 100) { id actorType status version effectiveDate title { text }
    ${SECTIONS.map((s) => `${s} { fr ar en }`).join(" ")} authorId approvedBy createdAt publishedAt }
}`;
const IN_FORCE = `query ConsoleGuidelinesInForce { guidelines { actorType version title { text } effectiveDate } }`;
const DRAFT = `mutation ConsoleDraftGuideline($input: DraftGuidelineInput!) { draftGuideline(input: $input) { id status } }`;
const APPROVE = `mutation ConsoleApproveGuideline($id: ID!) { approveGuideline(guidelineVersionId: $id) { id status } }`;
const PUBLISH = `mutation ConsolePublishGuideline($input: PublishGuidelineInput!) { publishGuideline(input: $input) { id status version } }`;
const DOCUMENT = `query ConsoleGuidelineDocument($actorType: String!, $version: Int, $language: DocumentLanguage!) {
  guidelineDocument(actorType: $actorType, version: $version, language: $language) { filename contentType contentBase64 }
}`;

interface Version {
  id: string; actorType: string; status: string; version: number | null; effectiveDate: string | null; title: { text: string };
  watchFor: Lists; whatToDo: Lists; whomToCall: Lists; doNot: Lists; authorId: string | null; approvedBy: string | null; createdAt: string; publishedAt: string | null;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export default function Guidelines() {
  const { t, i18n } = useTranslation();
  const session = currentSession();
  const national = session?.role === "ADMIN" || session?.role === "COORDINATOR";
  const [actorType, setActorType] = useState("");
  const versions = useQuery<{ guidelineVersions: Version[] }>(VERSIONS, { actorType: actorType || null });
  const inForce = useQuery<{ guidelines: { actorType: string; version: number; title: { text: string }; effectiveDate: string | null }[] }>(IN_FORCE);
  const approve = useMutation<{ approveGuideline: { id: string } }>(APPROVE);
  const publish = useMutation<{ publishGuideline: { id: string } }>(PUBLISH);
  const [effective, setEffective] = useState(today());
  const [pdfError, setPdfError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const lang = (i18n.language === "ar" ? "ar" : i18n.language === "en" ? "en" : "fr") as keyof Lists;

  async function pdf(v: { actorType: string; version: number | null }, language: "fr" | "ar") {
    setPdfError(null);
    try { await downloadDocument(DOCUMENT, { actorType: v.actorType, version: v.version, language }); } catch (e) { setPdfError(e); }
  }
  const rows = versions.data?.guidelineVersions ?? [];
  return (
    <section aria-labelledby="guidelines-title">
      <h1 id="guidelines-title">{t("guide.title")}</h1>
      <p className="muted">{t("guide.intro")}</p>
      <form className="filters" aria-label={t("dash.filters")} onSubmit={(e) => e.preventDefault()}>
        <Field label={t("guide.actorType")}>
          <select value={actorType} onChange={(e) => setActorType(e.target.value)}>
            <option value="">{t("app.all")}</option>
            {codes("actorType").map((c) => <option key={c} value={c}>{label("actorType", c)}</option>)}
          </select>
        </Field>
      </form>
      <article className="card">
        <h2>{t("guide.inForce")}</h2>
        <ErrorBox error={inForce.error} onRetry={inForce.reload} />
        <table className="list">
          <thead><tr><th scope="col">{t("guide.actorType")}</th><th scope="col">{t("guide.guideline")}</th><th scope="col">{t("guide.version")}</th><th scope="col">{t("guide.effective")}</th><th scope="col">{t("guide.print")}</th></tr></thead>
          <tbody>
            {(inForce.data?.guidelines ?? []).filter((g) => !actorType || g.actorType === actorType).map((g) => (
              <tr key={g.actorType} data-actor={g.actorType}>
                <td>{label("actorType", g.actorType)}</td><td>{g.title.text}</td><td><Ltr>v{g.version}</Ltr></td><td>{fmtDate(g.effectiveDate)}</td>
                <td className="actions">
                  <button type="button" className="secondary" onClick={() => void pdf(g, "fr")}>{t("guide.pdfFr")}</button>
                  <button type="button" className="secondary" onClick={() => void pdf(g, "ar")}>{t("guide.pdfAr")}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
      <ErrorBox error={versions.error} onRetry={versions.reload} />
      <ErrorBox error={approve.error ?? publish.error} />
      {pdfError !== null && <p role="alert" className="warn">{errorText(pdfError, t)}</p>}
      {versions.loading && !versions.data ? <Loading /> : (
        <article className="card">
          <h2>{t("guide.versions")}</h2>
          <p className="muted small">{t("guide.versionsHint")}</p>
          <div className="table-scroll">
            <table className="list">
              <thead><tr><th scope="col">{t("guide.actorType")}</th><th scope="col">{t("guide.guideline")}</th><th scope="col">{t("guide.version")}</th><th scope="col">{t("guide.status")}</th><th scope="col">{t("guide.effective")}</th><th scope="col">{t("guide.do")}</th></tr></thead>
              <tbody>
                {rows.map((v) => {
                  const mine = v.authorId !== null && v.authorId === session?.userId;
                  return (
                    <tr key={v.id} data-status={v.status}>
                      <td>{label("actorType", v.actorType)}</td>
                      <td>
                        <button type="button" className="link" aria-expanded={open === v.id} onClick={() => setOpen(open === v.id ? null : v.id)}>{v.title.text}</button>
                        {open === v.id && (
                          <div className="guideline-body">
                            {SECTIONS.map((s) => v[s][lang].length > 0 && (
                              <div key={s}><h3>{t(`guide.${s}`)}</h3><ul>{v[s][lang].map((x, i) => <li key={i}>{x}</li>)}</ul></div>
                            ))}
                          </div>
                        )}
                      </td>
                      <td>{v.version ? <Ltr>v{v.version}</Ltr> : "—"}</td>
                      <td><StatusBadge kind="guideline" value={v.status} text={enumLabel("GuidelineStatus", v.status)} /></td>
                      <td>{fmtDate(v.effectiveDate)}</td>
                      <td className="actions">
                        {v.status === "PUBLISHED" && (<>
                          <button type="button" className="secondary" onClick={() => void pdf(v, "fr")}>{t("guide.pdfFr")}</button>
                          <button type="button" className="secondary" onClick={() => void pdf(v, "ar")}>{t("guide.pdfAr")}</button>
                        </>)}
                        {national && v.status === "DRAFT" && (mine
                          ? <span className="muted small">{t("guide.ownDraft")}</span>
                          : <button type="button" disabled={approve.busy} onClick={async () => { if (await approve.run({ id: v.id })) versions.reload(); }}>{t("guide.approve")}</button>)}
                        {national && v.status === "APPROVED" && (
                          <button type="button" disabled={publish.busy} onClick={async () => { if (await publish.run({ input: { guidelineVersionId: v.id, effectiveDate: effective } })) { versions.reload(); inForce.reload(); } }}>{t("guide.publish")}</button>
                        )}
                      </td>
                    </tr>
                  );
                })}
                {rows.length === 0 && <tr><td colSpan={6} className="muted">{t("app.empty")}</td></tr>}
              </tbody>
            </table>
          </div>
          {national && (
            <div className="inline-form">
              <Field label={t("guide.effectiveDate")} hint={t("guide.effectiveHint")}><input type="date" value={effective} onChange={(e) => setEffective(e.target.value)} /></Field>
            </div>
          )}
        </article>
      )}
      {national && <DraftForm onDone={versions.reload} />}
    </section>
  );
}

function lines(text: string): string[] {
  return text.split("\n").map((x) => x.trim()).filter(Boolean);
}

function DraftForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const draft = useMutation<{ draftGuideline: { id: string } }>(DRAFT);
  const blank = () => ({ fr: "", ar: "", en: "" });
  const [actorType, setActorType] = useState(codes("actorType")[0]);
  const [title, setTitle] = useState(blank());
  const [sections, setSections] = useState<Record<Section, { fr: string; ar: string; en: string }>>({ watchFor: blank(), whatToDo: blank(), whomToCall: blank(), doNot: blank() });
  const [done, setDone] = useState(false);
  return (
    <article className="card">
      <h2>{t("guide.draft")}</h2>
      <p className="muted small">{t("guide.draftHint")}</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const input: Record<string, unknown> = { actorType, title };
        for (const s of SECTIONS) input[s] = { fr: lines(sections[s].fr), ar: lines(sections[s].ar), en: lines(sections[s].en) };
        if (await draft.run({ input })) {
          setDone(true); setTitle(blank()); setSections({ watchFor: blank(), whatToDo: blank(), whomToCall: blank(), doNot: blank() }); onDone();
        }
      }}>
        <Field label={t("guide.actorType")}>
          <select value={actorType} onChange={(e) => setActorType(e.target.value)}>
            {codes("actorType").map((c) => <option key={c} value={c}>{label("actorType", c)}</option>)}
          </select>
        </Field>
        <LocalizedInputs label={t("guide.guidelineTitle")} value={title} onChange={setTitle} />
        {SECTIONS.map((s) => (
          <fieldset key={s}>
            <legend>{t(`guide.${s}`)}</legend>
            <div className="grid3">
              {(["fr", "ar", "en"] as const).map((l) => (
                <Field key={l} label={`${t(`guide.${s}`)} — ${t(`lang.${l}`)}`} hint={t("guide.oneALine")}>
                  <textarea rows={3} lang={l} dir={l === "ar" ? "rtl" : "ltr"} value={sections[s][l]}
                    onChange={(e) => setSections({ ...sections, [s]: { ...sections[s], [l]: e.target.value } })} />
                </Field>
              ))}
            </div>
          </fieldset>
        ))}
        <ErrorBox error={draft.error} />
        {done && <Notice>{t("guide.drafted")}</Notice>}
        <button type="submit" disabled={draft.busy}>{t("guide.saveDraft")}</button>
      </form>
    </article>
  );
}
