import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { gql } from "../api/graphql";
import { ErrorBox, Field, Loading, Ltr, StatusBadge, useMutation, useQuery } from "../components/ui";
import { codes, GOVERNORATES } from "../i18n/catalogues";
import { enumLabel, fmtDate, label, lang } from "../i18n";

const STATUSES = ["REPORTED", "PRESUMED", "IDENTIFIED", "ASSISTED", "CLOSED"];
const CASES = `query ConsoleCases($first: Int, $after: String, $status: CaseStatus) {
  cases(first: $first, after: $after, status: $status) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id reference status governorate openedAt exploitationForms victim { alias } owner { name } }
  }
}`;

interface CaseRow {
  id: string;
  reference: string;
  status: string;
  governorate: string | null;
  openedAt: string;
  exploitationForms: string[];
  victim: { alias: string } | null;
  owner: { name: string } | null;
}
interface CasesData {
  cases: { totalCount: number | null; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: CaseRow[] };
}

export default function Cases() {
  const { t } = useTranslation();
  const [status, setStatus] = useState("");
  const [search, setSearch] = useState("");
  const [more, setMore] = useState<CaseRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const list = useQuery<CasesData>(CASES, { first: 50, status: status || null });
  const role = currentSession()?.role;
  const canOpen = role === "ADMIN" || role === "COORDINATOR" || role === "CASE_WORKER";

  const rows = useMemo(() => {
    const all = [...(list.data?.cases.nodes ?? []), ...more];
    const needle = search.trim().toLowerCase();
    if (!needle) return all;
    return all.filter((c) =>
      [c.reference, c.victim?.alias ?? "", ...c.exploitationForms.map((f) => label("exploitationForm", f))].some((v) => v.toLowerCase().includes(needle)),
    );
  }, [list.data, more, search]);
  const page = list.data?.cases.pageInfo;
  const nextCursor = cursor ?? (page?.hasNextPage ? page.endCursor : null);

  async function loadMore() {
    if (!nextCursor) return;
    const data = await gql<CasesData>(CASES, { first: 50, after: nextCursor, status: status || null });
    setMore((m) => [...m, ...data.cases.nodes]);
    setCursor(data.cases.pageInfo.hasNextPage ? data.cases.pageInfo.endCursor : "");
  }

  return (
    <section aria-labelledby="cases-title">
      <div className="title-row">
        <h1 id="cases-title">{t("cases.title")}</h1>
        {canOpen && (
          <button type="button" onClick={() => setOpening((o) => !o)} aria-expanded={opening}>
            {t("cases.open")}
          </button>
        )}
      </div>
      {opening && <OpenCase />}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t("app.search")}>
          <input type="search" value={search} placeholder={t("cases.searchHint")} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <Field label={t("cases.status")}>
          <select value={status} onChange={(e) => { setStatus(e.target.value); setMore([]); setCursor(null); }}>
            <option value="">{t("app.all")}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{enumLabel("CaseStatus", s)}</option>)}
          </select>
        </Field>
      </form>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : (
        <>
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t("cases.reference")}</th>
                <th scope="col">{t("cases.status")}</th>
                <th scope="col">{t("cases.victim")}</th>
                <th scope="col">{t("cases.forms")}</th>
                <th scope="col">{t("cases.governorate")}</th>
                <th scope="col">{t("cases.owner")}</th>
                <th scope="col">{t("cases.openedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row"><Link to={`/cases/${encodeURIComponent(c.id)}`}><Ltr>{c.reference}</Ltr></Link></th>
                  <td><StatusBadge kind="case" value={c.status} text={enumLabel("CaseStatus", c.status)} /></td>
                  <td>{c.victim?.alias ?? "—"}</td>
                  <td>{c.exploitationForms.map((f) => label("exploitationForm", f)).join(", ") || "—"}</td>
                  <td>{label("governorate", c.governorate)}</td>
                  <td>{c.owner?.name ?? "—"}</td>
                  <td>{fmtDate(c.openedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p className="muted">{t("app.empty")}</p>}
          <p className="muted small">{t("cases.count", { shown: rows.length, total: list.data?.cases.totalCount ?? rows.length })}</p>
          {nextCursor && <button type="button" className="secondary" onClick={() => void loadMore()}>{t("cases.more")}</button>}
        </>
      )}
    </section>
  );
}

const REGISTER = `mutation ConsoleRegisterVictim($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }`;
const OPEN = `mutation ConsoleOpenCase($input: OpenCaseInput!) { openCase(input: $input) { id reference } }`;

function OpenCase() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useMutation<{ registerVictim: { id: string } }>(REGISTER);
  const open = useMutation<{ openCase: { id: string; reference: string } }>(OPEN);
  const [alias, setAlias] = useState("");
  const [sex, setSex] = useState("UNKNOWN");
  const [ageBand, setAgeBand] = useState("");
  const [minor, setMinor] = useState(false);
  const [nationality, setNationality] = useState("");
  const [governorate, setGovernorate] = useState("TN-11");
  const [forms, setForms] = useState<string[]>([]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const victim = await register.run({
      input: { alias, sex, ageBand: ageBand || null, minor, nationality: nationality.toUpperCase() || null, clientId: crypto.randomUUID() },
    });
    if (!victim) return;
    const opened = await open.run({
      input: { victimId: victim.registerVictim.id, governorate, exploitationForms: forms, clientId: crypto.randomUUID() },
    });
    if (opened) navigate(`/cases/${encodeURIComponent(opened.openCase.id)}`);
  }

  return (
    <form className="card form-grid" onSubmit={(e) => void submit(e)} aria-label={t("cases.open")}>
      <Field label={t("cases.alias")}><input required value={alias} onChange={(e) => setAlias(e.target.value)} /></Field>
      <Field label={t("cases.sex")}>
        <select value={sex} onChange={(e) => setSex(e.target.value)}>
          {["FEMALE", "MALE", "OTHER", "UNKNOWN"].map((s) => <option key={s} value={s}>{enumLabel("Sex", s)}</option>)}
        </select>
      </Field>
      <Field label={t("cases.ageBand")}><input value={ageBand} placeholder="18-24" dir="ltr" onChange={(e) => setAgeBand(e.target.value)} /></Field>
      <label className="check"><input type="checkbox" checked={minor} onChange={(e) => setMinor(e.target.checked)} /> {t("cases.minor")}</label>
      <Field label={t("cases.nationality")} hint="ISO 3166-1 (TN, CI, …)"><input value={nationality} maxLength={2} dir="ltr" onChange={(e) => setNationality(e.target.value)} /></Field>
      <Field label={t("cases.governorate")}>
        <select value={governorate} onChange={(e) => setGovernorate(e.target.value)}>
          {GOVERNORATES.map((g) => <option key={g.code} value={g.code}>{g.names[lang()]}</option>)}
        </select>
      </Field>
      <fieldset className="span2">
        <legend>{t("cases.forms")}</legend>
        <div className="checks">
          {codes("exploitationForm").map((f) => (
            <label key={f} className="check">
              <input type="checkbox" checked={forms.includes(f)} onChange={(e) => setForms((all) => (e.target.checked ? [...all, f] : all.filter((x) => x !== f)))} />
              {label("exploitationForm", f)}
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorBox error={register.error ?? open.error} />
      <div className="span2"><button type="submit" disabled={register.busy || open.busy || !alias}>{t("cases.open")}</button></div>
    </form>
  );
}
