// Exports (roles that may export statistics): start a CTDC file, the questionnaire pack, the research extract or
// the annual report; follow its progress; download the file with the in-memory token in the Authorization
// header (never in a URL), handed to the browser as a blob.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, token } from "../api/auth";
import { gql } from "../api/graphql";
import { saveBlob } from "../components/download";
import { ErrorBox, Field, Ltr, Notice, usePolling, useMutation } from "../components/ui";
import { enumLabel, fmtDate, fmtNumber } from "../i18n";

const JOB = "id kind year language status progress createdAt finishedAt expiresAt fileName size downloadPath error";
const START = `mutation ConsoleStartExport($kind: ExportKind!, $year: Int!, $language: ReportLanguage) { startExport(kind: $kind, year: $year, language: $language) { ${JOB} } }`;
const POLL = `query ConsoleExportJob($id: ID!) { exportJob(id: $id) { ${JOB} } }`;
const KINDS = ["CTDC", "QUESTIONNAIRE", "RESEARCH", "ANNUAL_REPORT"];

interface Job {
  id: string; kind: string; year: number; language: string | null; status: string; progress: number; createdAt: string; finishedAt: string | null;
  expiresAt: string | null; fileName: string | null; size: number | null; downloadPath: string | null; error: string | null;
}

/** GET /exports/{id} with the bearer token; the file goes to the browser from a blob: URL. */
async function download(job: Job, language: string): Promise<void> {
  const bearer = await token();
  const response = await fetch(job.downloadPath ?? `/exports/${encodeURIComponent(job.id)}`, {
    headers: { Authorization: `Bearer ${bearer ?? ""}`, "Accept-Language": language, "X-Himaya-Client": "console" },
  });
  if (!response.ok) {
    let code = "INTERNAL";
    let message = response.statusText;
    try { const body = await response.json(); code = body?.error?.code ?? code; message = body?.error?.message ?? message; } catch { /* not JSON */ }
    throw new ApiError(code, message);
  }
  saveBlob(await response.blob(), job.fileName ?? job.id);
}

export default function Exports() {
  const { t, i18n } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [kind, setKind] = useState("CTDC");
  const [year, setYear] = useState(thisYear - 1);
  const [language, setLanguage] = useState("FR");
  const [jobs, setJobs] = useState<Job[]>([]);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const start = useMutation<{ startExport: Job }>(START);
  const live = jobs.filter((j) => j.status === "QUEUED" || j.status === "RUNNING");

  usePolling(() => {
    for (const job of live) {
      void gql<{ exportJob: Job | null }>(POLL, { id: job.id }).then((data) => {
        const next = data.exportJob;
        if (next) setJobs((all) => all.map((j) => (j.id === next.id ? next : j)));
      }).catch(() => undefined);
    }
  }, 1500);

  return (
    <section aria-labelledby="exports-title">
      <h1 id="exports-title">{t("exp.title")}</h1>
      <p className="muted">{t("exp.intro")}</p>
      <article className="card">
        <h2>{t("exp.start")}</h2>
        <form className="filters" onSubmit={async (e) => {
          e.preventDefault();
          const result = await start.run({ kind, year, language: kind === "ANNUAL_REPORT" ? language : null });
          if (result) setJobs((all) => [result.startExport, ...all]);
        }}>
          <Field label={t("exp.kind")}>
            <select value={kind} onChange={(e) => setKind(e.target.value)}>{KINDS.map((k) => <option key={k} value={k}>{enumLabel("ExportKind", k)}</option>)}</select>
          </Field>
          <Field label={t("dash.year")}>
            <select value={year} onChange={(e) => setYear(Number(e.target.value))}>{[0, 1, 2, 3, 4].map((i) => thisYear - i).map((y) => <option key={y} value={y}>{y}</option>)}</select>
          </Field>
          {kind === "ANNUAL_REPORT" && (
            <Field label={t("app.language")}>
              <select value={language} onChange={(e) => setLanguage(e.target.value)}>
                <option value="FR">{t("lang.fr")}</option>
                <option value="AR">{t("lang.ar")}</option>
              </select>
            </Field>
          )}
          <button type="submit" disabled={start.busy}>{t("exp.startButton")}</button>
        </form>
        <p className="muted small">{t(`exp.about.${kind}`)}</p>
        <ErrorBox error={start.error} />
      </article>
      <article className="card">
        <h2>{t("exp.jobs")}</h2>
        <ErrorBox error={downloadError} />
        <table className="list">
          <thead><tr><th scope="col">{t("exp.kind")}</th><th scope="col">{t("dash.year")}</th><th scope="col">{t("exp.status")}</th><th scope="col">{t("exp.progress")}</th><th scope="col">{t("exp.file")}</th><th scope="col">{t("exp.expires")}</th></tr></thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-status={j.status} data-kind={j.kind}>
                <td>{enumLabel("ExportKind", j.kind)}{j.language && <> · <Ltr>{j.language}</Ltr></>}</td>
                <td><Ltr>{j.year}</Ltr></td>
                <td>{enumLabel("ExportStatus", j.status)}{j.error && <div className="warn small">{j.error}</div>}</td>
                <td><progress max={100} value={j.status === "DONE" ? 100 : j.progress} aria-label={t("exp.progressOf", { kind: enumLabel("ExportKind", j.kind) })} /> {fmtNumber(j.status === "DONE" ? 100 : j.progress)} %</td>
                <td>
                  {j.status === "DONE" ? (
                    <button type="button" onClick={() => { setDownloadError(null); download(j, i18n.language).catch(setDownloadError); }}>
                      {t("exp.download")} <Ltr>{j.fileName}</Ltr> ({fmtNumber((j.size ?? 0) / 1024, 1)} kB)
                    </button>
                  ) : "—"}
                </td>
                <td>{fmtDate(j.expiresAt, true)}</td>
              </tr>
            ))}
            {jobs.length === 0 && <tr><td colSpan={6} className="muted">{t("exp.none")}</td></tr>}
          </tbody>
        </table>
        {live.length > 0 && <Notice>{t("exp.working")}</Notice>}
      </article>
    </section>
  );
}
