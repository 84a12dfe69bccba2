// Training: courses, sessions (partners: those their organisation organises) with enrolment, attendance and
// certificates, and the training KPIs. Participants' names are sealed in the API: the console never lists them.
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { saveDocument, type PrintableDocument } from "../components/download";
import { LocalizedInputs } from "../components/localized";
import { ErrorBox, Field, Loading, Ltr, Notice, useMutation, useQuery } from "../components/ui";
import { GOVERNORATES } from "../i18n/catalogues";
import { enumLabel, fmtDate, fmtNumber, label, lang } from "../i18n";

const COURSES = `query ConsoleCourses { courses { id code title { text } objectives audiences durationHours guidelines } }`;
const SESSIONS = `query ConsoleTrainingSessions($year: Int) {
  trainingSessions(year: $year, first: 100) { id course { id code title { text } } organiser { id code name } trainers place governorate
    startDate endDate hours capacity scope enrolled attended
    enrolments { id institution sector sex role governorate attended preScore postScore learningGain satisfaction certificateIssued } }
}`;
const KPIS = `query ConsoleTrainingKpis($year: Int) {
  trainingKpis(year: $year) { enrolled attended officialsTrained meanLearningGain meanSatisfaction
    officialsByInstitution { key count } officialsByGovernorate { key count } attendedBySector { key count } }
}`;
const ORGS = `query ConsoleTrainingOrganisers { organizations(first: 100) { nodes { code name } } }`;
const ENROL = `mutation ConsoleEnrolParticipant($input: EnrolParticipantInput!) { enrolParticipant(input: $input) { id } }`;
const ATTEND = `mutation ConsoleRecordAttendance($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id attended } }`;
const CERTIFY = `mutation ConsoleIssueCertificate($id: ID!) { issueCertificate(enrolmentId: $id) { code issuedAt document { filename contentType contentBase64 } } }`;
const CREATE_COURSE = `mutation ConsoleCreateCourse($input: CreateCourseInput!) { createCourse(input: $input) { id code } }`;
const CREATE_SESSION = `mutation ConsoleCreateTrainingSession($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { id } }`;

const SECTORS = ["JUDICIARY", "POLICE", "LABOUR_INSPECTION", "HEALTH", "SOCIAL_AFFAIRS", "BORDER", "CHILD_PROTECTION", "EDUCATION", "NGO", "OTHER"];
const SEXES = ["FEMALE", "MALE", "UNDISCLOSED"];

interface Course { id: string; code: string; title: { text: string }; objectives: string[]; audiences: string[]; durationHours: number | null; guidelines: string[] }
interface Enrolment {
  id: string; institution: string; sector: string; sex: string; role: string | null; governorate: string | null; attended: boolean;
  preScore: number | null; postScore: number | null; learningGain: number | null; satisfaction: number | null; certificateIssued: boolean;
}
interface Session {
  id: string; course: { id: string; code: string; title: { text: string } }; organiser: { id: string; code: string; name: string } | null; trainers: string[];
  place: string; governorate: string | null; startDate: string | null; endDate: string | null; hours: number; capacity: number; scope: string;
  enrolled: number; attended: number; enrolments: Enrolment[];
}
type CountBy = { key: string | null; count: number };
interface Kpis { enrolled: number; attended: number; officialsTrained: number; meanLearningGain: number | null; meanSatisfaction: number | null; officialsByInstitution: CountBy[]; officialsByGovernorate: CountBy[]; attendedBySector: CountBy[] }

export default function Training() {
  const { t } = useTranslation();
  const role = currentSession()?.role;
  const national = role === "ADMIN" || role === "COORDINATOR";
  const runsSessions = national || role === "PARTNER_AGENT";
  const seesKpis = national || role === "ANALYST";
  const [year, setYear] = useState<number | null>(null);
  const courses = useQuery<{ courses: Course[] }>(COURSES);
  const sessions = useQuery<{ trainingSessions: Session[] }>(SESSIONS, { year }, !runsSessions);
  const kpis = useQuery<{ trainingKpis: Kpis }>(KPIS, { year }, !seesKpis);
  const thisYear = new Date().getFullYear();
  return (
    <section aria-labelledby="training-title">
      <h1 id="training-title">{t("train.title")}</h1>
      <form className="filters" aria-label={t("dash.filters")} onSubmit={(e) => e.preventDefault()}>
        <Field label={t("dash.year")}>
          <select value={year ?? ""} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t("app.all")}</option>
            {[thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </Field>
      </form>
      {seesKpis && <KpiPanel state={kpis} />}
      {runsSessions && (
        <article className="card">
          <h2>{t("train.sessions")}</h2>
          <ErrorBox error={sessions.error} onRetry={sessions.reload} />
          {sessions.loading && !sessions.data ? <Loading /> : (
            <>
              {(sessions.data?.trainingSessions ?? []).map((s) => <SessionCard key={s.id} session={s} national={national} onDone={() => { sessions.reload(); kpis.reload(); }} />)}
              {sessions.data?.trainingSessions.length === 0 && <p className="muted">{t("app.empty")}</p>}
            </>
          )}
        </article>
      )}
      <article className="card">
        <h2>{t("train.courses")}</h2>
        <ErrorBox error={courses.error} onRetry={courses.reload} />
        <table className="list">
          <thead><tr><th scope="col">{t("strat.code")}</th><th scope="col">{t("train.course")}</th><th scope="col">{t("train.duration")}</th><th scope="col">{t("train.objectives")}</th><th scope="col">{t("train.guidelines")}</th></tr></thead>
          <tbody>
            {(courses.data?.courses ?? []).map((c) => (
              <tr key={c.id}>
                <td><Ltr>{c.code}</Ltr></td><td>{c.title.text}</td><td>{fmtNumber(c.durationHours, 1)}</td>
                <td>{c.objectives.join(" · ") || "—"}</td><td>{c.guidelines.map((g) => label("actorType", g)).join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
      {national && (
        <div className="grid2">
          <CreateCourse onDone={courses.reload} />
          <CreateSession courses={courses.data?.courses ?? []} onDone={sessions.reload} />
        </div>
      )}
    </section>
  );
}

function KpiPanel({ state }: { state: { data: { trainingKpis: Kpis } | null; error: unknown; loading: boolean; reload: () => void } }) {
  const { t } = useTranslation();
  const k = state.data?.trainingKpis;
  return (
    <article className="card" aria-labelledby="train-kpis">
      <h2 id="train-kpis">{t("train.kpis")}</h2>
      <ErrorBox error={state.error} onRetry={state.reload} />
      {k && (
        <>
          <div className="kpis" role="list" aria-label={t("train.kpis")}>
            <div className="kpi" role="listitem"><span className="kpi-value">{fmtNumber(k.enrolled)}</span><span>{t("train.enrolled")}</span></div>
            <div className="kpi" role="listitem"><span className="kpi-value">{fmtNumber(k.attended)}</span><span>{t("train.attendedCount")}</span></div>
            <div className="kpi" role="listitem"><span className="kpi-value">{fmtNumber(k.officialsTrained)}</span><span>{t("train.officials")}</span></div>
            <div className="kpi" role="listitem"><span className="kpi-value">{fmtNumber(k.meanLearningGain, 1)}</span><span>{t("train.gain")}</span></div>
            <div className="kpi" role="listitem"><span className="kpi-value">{fmtNumber(k.meanSatisfaction, 1)}</span><span>{t("train.satisfaction")}</span></div>
          </div>
          <div className="grid3">
            <CountTable title={t("train.byInstitution")} rows={k.officialsByInstitution} />
            <CountTable title={t("train.byGovernorate")} rows={k.officialsByGovernorate} render={(key) => label("governorate", key)} />
            <CountTable title={t("train.bySector")} rows={k.attendedBySector} render={(key) => enumLabel("TrainingSector", key)} />
          </div>
        </>
      )}
    </article>
  );
}

function CountTable({ title, rows, render = (k) => k ?? "—" }: { title: string; rows: CountBy[]; render?: (key: string | null) => string }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{title}</caption>
      <thead><tr><th scope="col">{t("train.key")}</th><th scope="col">{t("train.count")}</th></tr></thead>
      <tbody>
        {rows.map((r, i) => <tr key={`${r.key}-${i}`}><th scope="row">{render(r.key)}</th><td>{fmtNumber(r.count)}</td></tr>)}
        {rows.length === 0 && <tr><td colSpan={2} className="muted">{t("app.empty")}</td></tr>}
      </tbody>
    </table>
  );
}

function SessionCard({ session: s, national, onDone }: { session: Session; national: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [certificates, setCertificates] = useState<Record<string, { code: string; document: PrintableDocument }>>({});
  const certify = useMutation<{ issueCertificate: { code: string; issuedAt: string | null; document: PrintableDocument } }>(CERTIFY);
  const full = s.enrolled >= s.capacity;
  return (
    <section className="session" aria-labelledby={`session-${s.id}`} data-course={s.course.code}>
      <h3 id={`session-${s.id}`}>{s.course.title.text}</h3>
      <p className="small">
        {s.place}{s.governorate && <> · {label("governorate", s.governorate)}</>} · {t("auth.range", { from: fmtDate(s.startDate), to: fmtDate(s.endDate) })} · {t("train.hours", { hours: fmtNumber(s.hours, 1) })}
        · {enumLabel("TrainingScope", s.scope)} · {t("train.organiser")} : {s.organiser?.name ?? "—"}
      </p>
      <p className="small">{t("train.fill", { enrolled: fmtNumber(s.enrolled), capacity: fmtNumber(s.capacity), attended: fmtNumber(s.attended) })}{s.trainers.length > 0 && <> · {t("train.trainers")} : {s.trainers.join(", ")}</>}</p>
      <div className="table-scroll">
        <table className="list" aria-label={t("train.participants")}>
          <thead><tr><th scope="col">{t("train.institution")}</th><th scope="col">{t("train.sector")}</th><th scope="col">{t("train.sex")}</th><th scope="col">{t("train.role")}</th><th scope="col">{t("train.attendance")}</th><th scope="col">{t("train.scores")}</th><th scope="col">{t("train.certificate")}</th></tr></thead>
          <tbody>
            {s.enrolments.map((e) => (
              <tr key={e.id} data-institution={e.institution}>
                <td>{e.institution}</td><td>{enumLabel("TrainingSector", e.sector)}</td><td>{enumLabel("ParticipantSex", e.sex)}</td><td>{e.role ?? "—"}</td>
                <td>{e.attended ? <span className="ok">{t("train.present")}</span> : <Attendance enrolment={e} onDone={onDone} />}</td>
                <td className="small">{e.preScore !== null || e.postScore !== null ? <>{t("auth.range", { from: fmtNumber(e.preScore), to: fmtNumber(e.postScore) })} ({t("train.gainShort")} {fmtNumber(e.learningGain, 1)})</> : "—"}</td>
                <td>
                  {certificates[e.id] ? (
                    <div className="certificate">
                      <span>{t("train.code")} : <Ltr><code>{certificates[e.id].code}</code></Ltr></span>
                      <button type="button" className="secondary" onClick={() => saveDocument(certificates[e.id].document)}>{t("train.certificatePdf")}</button>
                      <Link to={`/verify?code=${encodeURIComponent(certificates[e.id].code)}`}>{t("train.checkIt")}</Link>
                    </div>
                  ) : e.certificateIssued ? <span className="ok">{t("train.issued")}</span> : national && e.attended ? (
                    <button type="button" disabled={certify.busy} onClick={async () => {
                      const result = await certify.run({ id: e.id });
                      if (result) { setCertificates((all) => ({ ...all, [e.id]: result.issueCertificate })); onDone(); }
                    }}>{t("train.issue")}</button>
                  ) : "—"}
                </td>
              </tr>
            ))}
            {s.enrolments.length === 0 && <tr><td colSpan={7} className="muted">{t("app.empty")}</td></tr>}
          </tbody>
        </table>
      </div>
      <ErrorBox error={certify.error} />
      {full ? <p className="warn small">{t("train.full")}</p> : <Enrol sessionId={s.id} onDone={onDone} />}
    </section>
  );
}

function Attendance({ enrolment, onDone }: { enrolment: Enrolment; onDone: () => void }) {
  const { t } = useTranslation();
  const attend = useMutation<{ recordAttendance: { id: string } }>(ATTEND);
  const [pre, setPre] = useState("");
  const [post, setPost] = useState("");
  const [satisfaction, setSatisfaction] = useState("");
  return (
    <form className="stacked-form" aria-label={t("train.recordAttendance")} onSubmit={async (e) => {
      e.preventDefault();
      const input = { enrolmentId: enrolment.id, attended: true, preScore: pre ? Number(pre) : null, postScore: post ? Number(post) : null, satisfaction: satisfaction ? Number(satisfaction) : null };
      if (await attend.run({ input })) onDone();
    }}>
      <div className="mini-grid">
        <Field label={t("train.pre")}><input type="number" min={0} max={100} value={pre} onChange={(e) => setPre(e.target.value)} /></Field>
        <Field label={t("train.post")}><input type="number" min={0} max={100} value={post} onChange={(e) => setPost(e.target.value)} /></Field>
        <Field label={t("train.satisfactionShort")}><input type="number" min={1} max={5} value={satisfaction} onChange={(e) => setSatisfaction(e.target.value)} /></Field>
      </div>
      <button type="submit" className="secondary" disabled={attend.busy}>{t("train.markPresent")}</button>
      <ErrorBox error={attend.error} />
    </form>
  );
}

function Enrol({ sessionId, onDone }: { sessionId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const enrol = useMutation<{ enrolParticipant: { id: string } }>(ENROL);
  const empty = { fullName: "", institution: "", sector: "LABOUR_INSPECTION", sex: "FEMALE", role: "", governorate: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  return (
    <details className="enrol">
      <summary>{t("train.enrol")}</summary>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        if (await enrol.run({ input: { sessionId, ...form, role: form.role || null, governorate: form.governorate || null } })) { setForm(empty); setDone(true); onDone(); }
      }}>
        <p className="muted small">{t("train.sealed")}</p>
        <div className="form-grid">
          <Field label={t("train.fullName")}><input required maxLength={200} value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} /></Field>
          <Field label={t("train.institution")}><input required maxLength={200} value={form.institution} onChange={(e) => setForm({ ...form, institution: e.target.value })} /></Field>
          <Field label={t("train.sector")}>
            <select value={form.sector} onChange={(e) => setForm({ ...form, sector: e.target.value })}>{SECTORS.map((s) => <option key={s} value={s}>{enumLabel("TrainingSector", s)}</option>)}</select>
          </Field>
          <Field label={t("train.sex")}>
            <select value={form.sex} onChange={(e) => setForm({ ...form, sex: e.target.value })}>{SEXES.map((s) => <option key={s} value={s}>{enumLabel("ParticipantSex", s)}</option>)}</select>
          </Field>
          <Field label={t("train.role")}><input maxLength={200} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })} /></Field>
          <Field label={t("dash.governorate")}>
            <select value={form.governorate} onChange={(e) => setForm({ ...form, governorate: e.target.value })}>
              <option value="">—</option>
              {GOVERNORATES.map((g) => <option key={g.code} value={g.code}>{g.names[lang()]}</option>)}
            </select>
          </Field>
        </div>
        <ErrorBox error={enrol.error} />
        {done && <Notice>{t("train.enrolled1")}</Notice>}
        <button type="submit" disabled={enrol.busy}>{t("train.enrol")}</button>
      </form>
    </details>
  );
}

function CreateCourse({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useMutation<{ createCourse: { id: string } }>(CREATE_COURSE);
  const [code, setCode] = useState("");
  const [title, setTitle] = useState({ fr: "", ar: "", en: "" });
  const [hours, setHours] = useState("");
  const [done, setDone] = useState(false);
  return (
    <article className="card">
      <h2>{t("train.newCourse")}</h2>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        if (await create.run({ input: { code, title, durationHours: hours ? Number(hours) : null } })) { setCode(""); setTitle({ fr: "", ar: "", en: "" }); setHours(""); setDone(true); onDone(); }
      }}>
        <Field label={t("strat.code")} hint={t("strat.codeHint")}><input required dir="ltr" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} /></Field>
        <LocalizedInputs label={t("train.course")} value={title} onChange={setTitle} />
        <Field label={t("train.duration")}><input type="number" min={0} step="any" value={hours} onChange={(e) => setHours(e.target.value)} /></Field>
        <ErrorBox error={create.error} />
        {done && <Notice>{t("app.done")}</Notice>}
        <button type="submit" disabled={create.busy}>{t("train.newCourse")}</button>
      </form>
    </article>
  );
}

function CreateSession({ courses, onDone }: { courses: Course[]; onDone: () => void }) {
  const { t } = useTranslation();
  const orgs = useQuery<{ organizations: { nodes: { code: string; name: string }[] } }>(ORGS);
  const create = useMutation<{ createTrainingSession: { id: string } }>(CREATE_SESSION);
  const empty = { courseId: "", organiserCode: "", place: "", startDate: "", endDate: "", hours: "", capacity: "", scope: "NATIONAL", governorate: "" };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  return (
    <article className="card">
      <h2>{t("train.newSession")}</h2>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const input = { ...form, courseId: form.courseId || courses[0]?.id, hours: Number(form.hours), capacity: Number(form.capacity), governorate: form.governorate || null };
        if (await create.run({ input })) { setForm(empty); setDone(true); onDone(); }
      }}>
        <Field label={t("train.course")}>
          <select value={form.courseId} onChange={(e) => setForm({ ...form, courseId: e.target.value })}>{courses.map((c) => <option key={c.id} value={c.id}>{c.title.text}</option>)}</select>
        </Field>
        <Field label={t("train.organiser")}>
          <select required value={form.organiserCode} onChange={(e) => setForm({ ...form, organiserCode: e.target.value })}>
            <option value="">—</option>
            {(orgs.data?.organizations.nodes ?? []).map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
          </select>
        </Field>
        <Field label={t("train.place")}><input required maxLength={200} value={form.place} onChange={(e) => setForm({ ...form, place: e.target.value })} /></Field>
        <div className="form-grid">
          <Field label={t("strat.start")}><input required type="date" value={form.startDate} onChange={(e) => setForm({ ...form, startDate: e.target.value })} /></Field>
          <Field label={t("train.end")}><input required type="date" value={form.endDate} onChange={(e) => setForm({ ...form, endDate: e.target.value })} /></Field>
          <Field label={t("train.hoursLabel")}><input required type="number" min={1} step="any" value={form.hours} onChange={(e) => setForm({ ...form, hours: e.target.value })} /></Field>
          <Field label={t("train.capacity")}><input required type="number" min={1} value={form.capacity} onChange={(e) => setForm({ ...form, capacity: e.target.value })} /></Field>
          <Field label={t("train.scope")}>
            <select value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })}>{["NATIONAL", "INTERNATIONAL"].map((s) => <option key={s} value={s}>{enumLabel("TrainingScope", s)}</option>)}</select>
          </Field>
          <Field label={t("dash.governorate")}>
            <select value={form.governorate} onChange={(e) => setForm({ ...form, governorate: e.target.value })}>
              <option value="">—</option>
              {GOVERNORATES.map((g) => <option key={g.code} value={g.code}>{g.names[lang()]}</option>)}
            </select>
          </Field>
        </div>
        <ErrorBox error={create.error ?? orgs.error} />
        {done && <Notice>{t("app.done")}</Notice>}
        <button type="submit" disabled={create.busy || courses.length === 0}>{t("train.newSession")}</button>
      </form>
    </article>
  );
}
