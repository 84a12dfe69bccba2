// The audit trail (ADMIN and the data protection officer): who read or changed what, when, with what outcome and
// why. Filters by actor, subject, action and dates; cursor pages ("show more"). Every search is itself audited.
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorBox, Field, Loading, Ltr, useQuery } from "../components/ui";
import { gql } from "../api/graphql";
import { fmtDate, fmtNumber } from "../i18n";
import "./oversight.css";

const AUDIT = `query ConsoleAuditTrail($first: Int, $after: String, $actorId: ID, $subjectId: ID, $action: String, $since: DateTime, $until: DateTime) {
  auditTrail(first: $first, after: $after, actorId: $actorId, subjectId: $subjectId, action: $action, since: $since, until: $until) {
    nodes { seq at actorId actorUsername role organizationId action outcome targets dataClasses reason requestId }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ORGS = `query ConsoleAuditOrgs { organizations(first: 100) { nodes { id name } } }`;
const PAGE = 25;
// Operations a reader looks for most (the trail stores the GraphQL operation's root field).
const COMMON = ["victimIdentity", "perpetratorIdentity", "protectedPersonIdentity", "cases", "case", "caseLinks",
  "createReferral", "decideIdentification", "createAccount", "disableAccount", "resetTotp", "auditTrail", "login"];

interface AuditEvent {
  seq: number; at: string; actorId: string | null; actorUsername: string | null; role: string | null; organizationId: string | null; action: string;
  outcome: string; targets: string[]; dataClasses: string[]; reason: string | null; requestId: string | null;
}
interface Filters { actorId: string; subjectId: string; action: string; since: string; until: string }
type Page = { auditTrail: { nodes: AuditEvent[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

/** A date field (yyyy-mm-dd) as the start of that day in the reader's time zone, ISO with its offset. */
function dayStart(value: string, plusDays = 0): string | null {
  if (!value) return null;
  const [y, m, d] = value.split("-").map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

function variables(f: Filters): Record<string, unknown> {
  return {
    first: PAGE, actorId: f.actorId.trim() || null, subjectId: f.subjectId.trim() || null, action: f.action.trim() || null,
    since: dayStart(f.since), until: dayStart(f.until, 1),
  };
}

/** The stated reason of an entry, without the "read:<classes> — " prefix (the classes have their own column). */
function statedReason(reason: string | null): string {
  if (!reason) return "";
  if (!reason.startsWith("read:")) return reason;
  const cut = reason.indexOf(" — ");
  return cut < 0 ? "" : reason.slice(cut + 3);
}

function Outcome({ value }: { value: string }) {
  const { t } = useTranslation();
  const [kind, code] = value.split(":", 2);
  const cls = kind === "OK" ? "ok" : kind === "DENIED" ? "denied" : "error";
  return (
    <span className={`audit-outcome-${cls}`}>
      {t(`audit.outcome.${kind}`, { defaultValue: kind })}
      {code && <> <Ltr><code>{code}</code></Ltr></>}
    </span>
  );
}

export default function AuditTrail() {
  const { t } = useTranslation();
  const empty: Filters = { actorId: "", subjectId: "", action: "", since: "", until: "" };
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const first = useQuery<Page>(AUDIT, variables(filters));
  const orgs = useQuery<{ organizations: { nodes: { id: string; name: string }[] } }>(ORGS);
  const orgName = useMemo(() => new Map((orgs.data?.organizations.nodes ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const [more, setMore] = useState<{ key: string; nodes: AuditEvent[]; cursor: string | null; hasNext: boolean } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const key = JSON.stringify(filters);
  const extra = more && more.key === key ? more : null;
  const rows = [...(first.data?.auditTrail.nodes ?? []), ...(extra?.nodes ?? [])];
  const hasNext = extra ? extra.hasNext : first.data?.auditTrail.pageInfo.hasNextPage ?? false;
  const cursor = extra ? extra.cursor : first.data?.auditTrail.pageInfo.endCursor ?? null;

  async function loadMore() {
    setMoreError(null);
    try {
      const page = await gql<Page>(AUDIT, { ...variables(filters), after: cursor });
      setMore({ key, nodes: [...(extra?.nodes ?? []), ...page.auditTrail.nodes], cursor: page.auditTrail.pageInfo.endCursor,
        hasNext: page.auditTrail.pageInfo.hasNextPage });
    } catch (e) {
      setMoreError(e);
    }
  }
  const set = (name: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value }));

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="muted small">{t("audit.intro")}</p>
      <form className="filters card" onSubmit={(e) => { e.preventDefault(); setFilters(draft); }}>
        <Field label={t("audit.action")} hint={t("audit.actionHint")}>
          <input name="action" dir="ltr" list="audit-actions" value={draft.action} onChange={set("action")} />
        </Field>
        <datalist id="audit-actions">{COMMON.map((a) => <option key={a} value={a} />)}</datalist>
        <Field label={t("audit.actor")} hint={t("audit.actorHint")}>
          <input name="actor" dir="ltr" value={draft.actorId} onChange={set("actorId")} />
        </Field>
        <Field label={t("audit.subject")} hint={t("audit.subjectHint")}>
          <input name="subject" dir="ltr" value={draft.subjectId} onChange={set("subjectId")} />
        </Field>
        <Field label={t("audit.since")}>
          <input name="since" type="date" value={draft.since} onChange={set("since")} />
        </Field>
        <Field label={t("audit.until")}>
          <input name="until" type="date" value={draft.until} onChange={set("until")} />
        </Field>
        <div className="actions">
          <button type="submit">{t("app.search")}</button>
          <button type="button" className="secondary" onClick={() => { setDraft(empty); setFilters(empty); }}>{t("audit.clear")}</button>
        </div>
      </form>
      <ErrorBox error={first.error ?? moreError} onRetry={first.reload} />
      {first.loading && !first.data && <Loading />}
      <p className="small" aria-live="polite">{t("audit.count", { count: rows.length, shown: fmtNumber(rows.length) })}</p>
      <div className="table-scroll">
        <table className="list audit">
          <caption className="visually-hidden">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.outcome")}</th>
              <th scope="col">{t("audit.targets")}</th>
              <th scope="col">{t("audit.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.seq} data-action={e.action}>
                <td>{fmtDate(e.at, true)}<div className="muted small">#<Ltr>{fmtNumber(e.seq)}</Ltr></div></td>
                <td>
                  {e.actorUsername && <div><strong><Ltr>{e.actorUsername}</Ltr></strong></div>}
                  {e.role ? t(`role.${e.role}`, { defaultValue: e.role }) : t("audit.system")}
                  {e.organizationId && <div className="small">{orgName.get(e.organizationId) ?? <Ltr>{e.organizationId}</Ltr>}</div>}
                  {e.actorId && (
                    <div className="small">
                      <button type="button" className="link" onClick={() => { const f = { ...empty, actorId: e.actorId! }; setDraft(f); setFilters(f); }}
                        aria-label={t("audit.byActor")}><Ltr><code>{e.actorId}</code></Ltr></button>
                    </div>
                  )}
                </td>
                <td>
                  <Ltr><code>{e.action}</code></Ltr>
                  {e.dataClasses.length > 0 && (
                    <div className="small">{t("audit.read")} : {e.dataClasses.map((c) => t(`audit.class.${c}`, { defaultValue: c })).join(", ")}</div>
                  )}
                </td>
                <td><Outcome value={e.outcome} /></td>
                <td className="small">
                  {e.targets.slice(0, 4).map((id) => <div key={id}><Ltr><code>{id}</code></Ltr></div>)}
                  {e.targets.length > 4 && <div className="muted">{t("audit.moreTargets", { count: e.targets.length - 4 })}</div>}
                </td>
                <td>{statedReason(e.reason) || <span className="muted">—</span>}</td>
              </tr>
            ))}
            {first.data && rows.length === 0 && <tr><td colSpan={6} className="muted">{t("app.empty")}</td></tr>}
          </tbody>
        </table>
      </div>
      {hasNext && <button type="button" className="secondary" onClick={() => void loadMore()}>{t("cases.more")}</button>}
    </section>
  );
}
