// What a case now carries beyond its profile and referrals: screenings, consents (record/revoke), approvals
// (request identification), perpetrators (add/involve; identity only through the audited read with a reason),
// identifiers, the route, protected persons (identity only through the audited read) and links to other cases
// (counts for organisations, paths for national roles). Each block asks the API with the caller's own rights.
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { currentSession } from "../api/auth";
import { ErrorBox, Field, Loading, Ltr, Notice, StatusBadge, useMutation, useQuery } from "../components/ui";
import { codes } from "../i18n/catalogues";
import { enumLabel, fmtDate, fmtNumber, label } from "../i18n";
import "../i18n/apiEnums";
import "./oversight.css";

const EXTRAS = `query ConsoleCaseExtras($id: ID!) {
  case(id: $id) { id status
    victim { id consents { id purpose valid grantedAt expiresAt revokedAt organization { name code } } }
    screenings { id score level minor observed recordedAt }
    approvals { id kind status reason requestedAt decidedAt decisionReason targetOrganization { name } }
    perpetrators { role victimRelation otherCases
      perpetrator { id kind alias sex nationality ageBand identityErased identifiers { id kind platform value otherCases } } }
    identifiers { id kind platform value otherCases perpetratorId }
    route { id type country governorate place occurredOn }
    protectedPersons { id role alias risk { level factors assessedAt } measures { id kind status responsibleBody reviewDue note } }
  }
}`;
const CONSENTS = `query ConsoleCaseConsents($id: ID!) { case(id: $id) { id
  victim { id consents { id purpose valid grantedAt expiresAt revokedAt organization { name code } } } } }`;
const LINKS = `query ConsoleCaseLinks($caseId: ID!) { caseLinks(caseId: $caseId) { linkedCases detailsVisible
  evidence { evidenceId evidenceType kind otherCases }
  links { caseId reference decision pathCount paths { evidence steps { type id label } } } } }`;
const ORGS = `query ConsoleConsentOrgs { organizations(first: 100) { nodes { code name } } }`;
const RECORD_CONSENT = `mutation ConsoleRecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
const REVOKE_CONSENT = `mutation ConsoleRevokeConsent($consentId: ID!) { revokeConsent(consentId: $consentId) { id valid } }`;
const REQUEST_ID = `mutation ConsoleRequestIdentification($caseId: ID!, $reason: String!) { requestIdentification(caseId: $caseId, reason: $reason) { id status } }`;
const ADD_PERP = `mutation ConsoleAddPerpetrator($input: AddPerpetratorInput!) { addPerpetrator(input: $input) { id } }`;
const INVOLVE = `mutation ConsoleInvolvePerpetrator($caseId: ID!, $perpetratorId: ID!, $role: PerpetratorRole!, $victimRelation: VictimRelation) {
  involvePerpetrator(caseId: $caseId, perpetratorId: $perpetratorId, role: $role, victimRelation: $victimRelation) { id } }`;
const PERP_IDENTITY = `query ConsolePerpetratorIdentity($id: ID!, $reason: String!) {
  perpetratorIdentity(perpetratorId: $id, reason: $reason) { fullName otherNames documentNumber registrationNumber } }`;
const ADD_IDS = `mutation ConsoleAddCaseIdentifiers($caseId: ID!, $identifiers: [IdentifierInput!]!) { addCaseIdentifiers(caseId: $caseId, identifiers: $identifiers) { id } }`;
const ADD_ROUTE = `mutation ConsoleAddRouteEvent($input: AddRouteEventInput!) { addRouteEvent(input: $input) { id } }`;
const ADD_PROTECTED = `mutation ConsoleRecordProtectedPerson($input: RecordProtectedPersonInput!) { recordProtectedPerson(input: $input) { id } }`;
const ADD_MEASURE = `mutation ConsoleAddProtectionMeasure($input: AddProtectionMeasureInput!) { addProtectionMeasure(input: $input) { id } }`;
const UPDATE_MEASURE = `mutation ConsoleUpdateProtectionMeasure($measureId: ID!, $status: ProtectionMeasureStatus, $reviewDue: Date) {
  updateProtectionMeasure(measureId: $measureId, status: $status, reviewDue: $reviewDue) { id } }`;
const PP_IDENTITY = `query ConsoleProtectedIdentity($id: ID!, $reason: String!) { protectedPersonIdentity(protectedPersonId: $id, reason: $reason) { fullName contact } }`;

const PERP_ROLES = ["RECRUITER", "TRANSPORTER", "EXPLOITER", "BROKER", "OTHER"];
const RELATIONS = ["INTIMATE_PARTNER", "FAMILY", "FRIEND", "OTHER"];
const ID_KINDS = ["PHONE", "EMAIL", "ONLINE_ACCOUNT", "VEHICLE_PLATE", "BANK_ACCOUNT", "MONEY_TRANSFER", "ADDRESS"];
const PLATFORMS = ["FACEBOOK", "INSTAGRAM", "TIKTOK", "WHATSAPP", "TELEGRAM", "SNAPCHAT", "X", "VIBER", "IMO", "JOB_SITE", "OTHER"];
const STAGES = ["RECRUITMENT", "TRANSIT", "EXPLOITATION"];
const PURPOSES = ["REFERRAL", "INFORMATION_SHARING", "ASSISTANCE", "PROSECUTION"];
const RISKS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];
const MEASURE_KINDS = ["IDENTITY_WITHHELD", "IDENTITY_DISCLOSURE_TO_COURT", "RELOCATION", "POLICE_PROTECTION",
  "PSYCHOLOGICAL_SUPPORT", "LEGAL_AID", "REMOTE_TESTIMONY", "OTHER"];
const MEASURE_STATUSES = ["PLANNED", "ACTIVE", "SUSPENDED", "ENDED"];

interface Identifier { id: string; kind: string; platform: string | null; value: string | null; otherCases: number; perpetratorId?: string | null }
interface Extras {
  id: string; status: string;
  victim: { id: string; consents: { id: string; purpose: string; valid: boolean; grantedAt: string; expiresAt: string | null; revokedAt: string | null; organization: { name: string; code: string } | null }[] } | null;
  screenings: { id: string; score: number; level: string; minor: boolean; observed: string[]; recordedAt: string }[];
  approvals: { id: string; kind: string; status: string; reason: string | null; requestedAt: string; decidedAt: string | null; decisionReason: string | null; targetOrganization: { name: string } | null }[];
  perpetrators: { role: string; victimRelation: string | null; otherCases: number;
    perpetrator: { id: string; kind: string; alias: string; sex: string | null; nationality: string | null; ageBand: string | null; identityErased: boolean; identifiers: Identifier[] } }[];
  identifiers: Identifier[];
  route: { id: string; type: string; country: string; governorate: string | null; place: string | null; occurredOn: string | null }[];
  protectedPersons: { id: string; role: string; alias: string; risk: { level: string; factors: string[]; assessedAt: string };
    measures: { id: string; kind: string; status: string; responsibleBody: string; reviewDue: string | null; note: string | null }[] }[];
}
interface Links {
  linkedCases: number; detailsVisible: boolean; evidence: { evidenceId: string; evidenceType: string; kind: string; otherCases: number }[];
  links: { caseId: string; reference: string; decision: string; pathCount: number; paths: { evidence: string; steps: { type: string; id: string; label: string | null }[] }[] }[];
}

function Block({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <article className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </article>
  );
}

function evidenceLabel(kind: string, t: (k: string) => string): string {
  return kind === "PERPETRATOR" ? t("crime.type.Perpetrator") : enumLabel("IdentifierKind", kind);
}

function IdentifierText({ i }: { i: Identifier }) {
  const { t } = useTranslation();
  return (
    <>
      {enumLabel("IdentifierKind", i.kind)}
      {i.platform && <> ({enumLabel("OnlinePlatform", i.platform)})</>} : {i.value ? <Ltr>{i.value}</Ltr> : <span className="muted">{t("case.valueHidden")}</span>}
      {i.otherCases > 0 && <strong className="warn"> · {t("case.otherCases", { count: i.otherCases, shown: fmtNumber(i.otherCases) })}</strong>}
    </>
  );
}

/** An audited identity read: the reader states why, then the identity shows (the read is in the audit trail). */
function IdentityRead({ query, id, render }: { query: string; id: string; render: (data: Record<string, string | null>) => ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const read = useMutation<Record<string, Record<string, string | null>>>(query);
  const [shown, setShown] = useState<Record<string, string | null> | null>(null);
  if (shown) return <div className="identity" role="status">{render(shown)}</div>;
  if (!open) return <button type="button" className="link" onClick={() => setOpen(true)}>{t("case.readIdentity")}</button>;
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void read.run({ id, reason }).then((d) => d && setShown(Object.values(d)[0])); }}>
      <Field label={t("case.identityReason")} hint={t("case.identityAudited")}>
        <input name="identity-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={read.busy || reason.trim().length < 5}>{t("case.showIdentity")}</button>
      <ErrorBox error={read.error} />
    </form>
  );
}

export function CaseOversight({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const role = currentSession()?.role;
  const national = role === "ADMIN" || role === "COORDINATOR";
  const records = national || role === "CASE_WORKER";
  const extras = useQuery<{ case: Extras | null }>(EXTRAS, { id: caseId });
  const links = useQuery<{ caseLinks: Links }>(LINKS, { caseId });
  // A key and its values, not a sentence: the notice follows a change of language.
  const [notice, setNotice] = useState<{ key: string; params?: Record<string, string> } | null>(null);
  const done = (key: string, params?: Record<string, string>) => { setNotice({ key, params }); extras.reload(); links.reload(); };
  const c = extras.data?.case;
  const linksBlock = (
        <Block id="case-links" title={t("case.links")}>
          <ErrorBox error={links.error} />
          {links.data && (
            <>
              <p data-testid="linked-count">{t("case.linkedCount", { count: links.data.caseLinks.linkedCases, shown: fmtNumber(links.data.caseLinks.linkedCases) })}</p>
              <ul className="plain small">
                {links.data.caseLinks.evidence.filter((e) => e.otherCases > 0).map((e) => (
                  <li key={e.evidenceId}>{evidenceLabel(e.kind, t)} : {t("case.appearsIn", { count: e.otherCases, shown: fmtNumber(e.otherCases) })}</li>
                ))}
              </ul>
              {!links.data.caseLinks.detailsVisible && links.data.caseLinks.linkedCases > 0 && <p className="muted small">{t("case.askAuthority")}</p>}
              {links.data.caseLinks.links.length > 0 && (
                <ul className="plain section-list">
                  {links.data.caseLinks.links.map((l) => (
                    <li key={l.caseId}>
                      <Link to={`/cases/${encodeURIComponent(l.caseId)}`}><Ltr>{l.reference}</Ltr></Link>{" "}
                      <span className="badge">{enumLabel("LinkDecision", l.decision)}</span>
                      {l.paths.map((p, i) => (
                        <div key={i} className="small">
                          {evidenceLabel(p.evidence, t)} : {p.steps.map((s) => s.type === "Identifier" ? enumLabel("IdentifierKind", s.label) : s.label).join(" → ")}
                        </div>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </Block>
  );
  if (!c) {
    return (
      <div className="case-oversight">
        {extras.loading ? <Loading /> : <ErrorBox error={extras.error} onRetry={extras.reload} />}
        {linksBlock}
      </div>
    );
  }
  return (
    <div className="case-oversight">
      {notice && <Notice>{t(notice.key, notice.params)}</Notice>}
      <div className="grid2">
        {linksBlock}
        <Block id="case-approvals" title={t("case.approvals")}>
          <ul className="plain section-list">
            {c.approvals.map((a) => (
              <li key={a.id}>
                <strong>{enumLabel("ApprovalKind", a.kind)}</strong>{" "}
                <StatusBadge kind="approval" value={a.status} text={enumLabel("ApprovalStatus", a.status)} />
                <div className="small">{fmtDate(a.requestedAt, true)}{a.reason && ` · ${a.reason}`}{a.targetOrganization && ` · ${a.targetOrganization.name}`}</div>
                {a.decidedAt && <div className="small">{t("case.decided", { when: fmtDate(a.decidedAt, true) })}{a.decisionReason && ` · ${a.decisionReason}`}</div>}
              </li>
            ))}
            {c.approvals.length === 0 && <li className="muted">{t("app.empty")}</li>}
          </ul>
          {records && c.status !== "IDENTIFIED" && c.status !== "CLOSED" && <RequestIdentification caseId={c.id} onDone={() => done("case.identificationRequested")} />}
        </Block>
      </div>
      <div className="grid2">
        <Block id="case-perpetrators" title={t("case.perpetrators")}>
          <ul className="plain section-list">
            {c.perpetrators.map((p) => (
              <li key={p.perpetrator.id} data-perpetrator={p.perpetrator.alias}>
                <strong>{p.perpetrator.alias}</strong> · {enumLabel("PerpetratorRole", p.role)} · {enumLabel("PerpetratorKind", p.perpetrator.kind)}
                {p.victimRelation && <> · {enumLabel("VictimRelation", p.victimRelation)}</>}
                <div className="small">
                  {p.perpetrator.sex && enumLabel("Sex", p.perpetrator.sex)}{p.perpetrator.nationality && <> · <Ltr>{p.perpetrator.nationality}</Ltr></>}
                  {p.perpetrator.ageBand && <> · <Ltr>{p.perpetrator.ageBand}</Ltr></>}
                  {p.otherCases > 0 && <strong className="warn"> · {t("case.otherCases", { count: p.otherCases, shown: fmtNumber(p.otherCases) })}</strong>}
                </div>
                <ul className="plain small">{p.perpetrator.identifiers.map((i) => <li key={i.id}><IdentifierText i={i} /></li>)}</ul>
                {records && !p.perpetrator.identityErased && (
                  <IdentityRead query={PERP_IDENTITY} id={p.perpetrator.id} render={(d) => (
                    <dl className="facts small">
                      <dt>{t("case.fullName")}</dt><dd>{d.fullName ?? "—"}</dd>
                      <dt>{t("case.otherNames")}</dt><dd>{d.otherNames ?? "—"}</dd>
                      <dt>{t("case.documentNumber")}</dt><dd><Ltr>{d.documentNumber ?? "—"}</Ltr></dd>
                      <dt>{t("case.registrationNumber")}</dt><dd><Ltr>{d.registrationNumber ?? "—"}</Ltr></dd>
                    </dl>
                  )} />
                )}
                {p.perpetrator.identityErased && <p className="muted small">{t("case.identityErased")}</p>}
              </li>
            ))}
            {c.perpetrators.length === 0 && <li className="muted">{t("app.empty")}</li>}
          </ul>
          {records && <AddPerpetrator caseId={c.id} onDone={(alias) => done("case.perpetratorAdded", { alias })} />}
          {records && <InvolvePerpetrator caseId={c.id} onDone={() => done("app.done")} />}
        </Block>
        <div>
          <Block id="case-identifiers" title={t("case.identifiers")}>
            <ul className="plain small">
              {c.identifiers.map((i) => <li key={i.id}><IdentifierText i={i} /></li>)}
              {c.identifiers.length === 0 && <li className="muted">{t("app.empty")}</li>}
            </ul>
            {records && <AddIdentifier caseId={c.id} onDone={() => done("case.identifierAdded")} />}
          </Block>
          <Block id="case-route" title={t("case.route")}>
            <ol className="timeline">
              {c.route.map((r) => (
                <li key={r.id} data-stage={r.type}>
                  <strong>{enumLabel("RouteEventType", r.type)}</strong> — <Ltr>{r.country}</Ltr>
                  {r.governorate && <> · {label("governorate", r.governorate)}</>}{r.place && <> · {r.place}</>}
                  {r.occurredOn && <> · <Ltr>{r.occurredOn}</Ltr></>}
                </li>
              ))}
              {c.route.length === 0 && <li className="muted">{t("app.empty")}</li>}
            </ol>
            {records && <AddRouteEvent caseId={c.id} onDone={() => done("case.routeAdded")} />}
          </Block>
        </div>
      </div>
      <div className="grid2">
        <Block id="case-protected" title={t("case.protected")}>
          <ul className="plain section-list">
            {c.protectedPersons.map((p) => (
              <li key={p.id}>
                <strong>{p.alias}</strong> · {enumLabel("ProtectedRole", p.role)} · <span className="warn">{enumLabel("RiskLevel", p.risk.level)}</span>
                {p.risk.factors.length > 0 && <div className="small">{p.risk.factors.map((f) => enumLabel("RiskFactor", f)).join(", ")}</div>}
                <ul className="plain small">
                  {p.measures.map((m) => (
                    <li key={m.id} data-testid="protection-measure">{enumLabel("ProtectionMeasureKind", m.kind)} — {enumLabel("ProtectionMeasureStatus", m.status)} · {m.responsibleBody}
                      {m.reviewDue && <> · {t("case.reviewDue", { when: fmtDate(m.reviewDue) })}</>}
                      {m.note && <div className="small muted">{m.note}</div>}
                      {records && <UpdateMeasure measureId={m.id} status={m.status} reviewDue={m.reviewDue} onDone={() => done("case.measureUpdated")} />}</li>
                  ))}
                </ul>
                {records && <AddMeasure protectedPersonId={p.id} onDone={() => done("case.measureAdded")} />}
                {records && (
                  <IdentityRead query={PP_IDENTITY} id={p.id} render={(d) => (
                    <dl className="facts small">
                      <dt>{t("case.fullName")}</dt><dd>{d.fullName ?? "—"}</dd>
                      <dt>{t("case.contact")}</dt><dd><Ltr>{d.contact ?? "—"}</Ltr></dd>
                    </dl>
                  )} />
                )}
              </li>
            ))}
            {c.protectedPersons.length === 0 && <li className="muted">{t("app.empty")}</li>}
          </ul>
          {records && <AddProtectedPerson caseId={c.id} onDone={() => done("app.done")} />}
        </Block>
        <Block id="case-screenings" title={t("case.screenings")}>
          <ul className="plain section-list">
            {c.screenings.map((s) => (
              <li key={s.id}>
                <strong>{enumLabel("ScreeningLevel", s.level)}</strong> · {t("case.score", { score: fmtNumber(s.score) })}
                {s.minor && <> · {t("cases.minor")}</>}
                <div className="small">{fmtDate(s.recordedAt, true)} · {t("case.observedCount", { count: s.observed.length, shown: fmtNumber(s.observed.length) })}</div>
              </li>
            ))}
            {c.screenings.length === 0 && <li className="muted">{t("app.empty")}</li>}
          </ul>
        </Block>
      </div>
    </div>
  );
}

/** The victim's consents, with record and revoke for those who manage the case. */
export function Consents({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const role = currentSession()?.role;
  const manages = role === "ADMIN" || role === "COORDINATOR" || role === "CASE_WORKER";
  const extras = useQuery<{ case: Pick<Extras, "id" | "victim"> | null }>(CONSENTS, { id: caseId });
  const orgs = useQuery<{ organizations: { nodes: { code: string; name: string }[] } }>(ORGS, undefined, !manages);
  const record = useMutation<unknown>(RECORD_CONSENT);
  const revoke = useMutation<unknown>(REVOKE_CONSENT);
  const [org, setOrg] = useState("");
  const [purpose, setPurpose] = useState("REFERRAL");
  const [expires, setExpires] = useState("");
  const v = extras.data?.case?.victim;
  async function submit() {
    if (!v) return;
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
    if (await record.run({ input: { victimId: v.id, organizationCode: org, purpose, expiresAt } })) extras.reload();
  }
  return (
    <>
      <h3>{t("cases.consents")}</h3>
      <ul className="plain">
        {(v?.consents ?? []).map((k) => (
          <li key={k.id}>
            {enumLabel("ConsentPurpose", k.purpose)} — {k.organization?.name ?? "—"} ·{" "}
            <span className={k.valid ? "ok" : "warn"}>{k.valid ? t("cases.consentValid") : t("cases.consentInvalid")}</span>{" "}
            <span className="muted">({fmtDate(k.grantedAt)}{k.expiresAt ? ` → ${fmtDate(k.expiresAt)}` : ""})</span>
            {manages && k.valid && (
              <>{" "}<button type="button" className="link" disabled={revoke.busy} onClick={() => void revoke.run({ consentId: k.id }).then((d) => d && extras.reload())}>
                {t("case.revoke")}
              </button></>
            )}
          </li>
        ))}
        {v && v.consents.length === 0 && <li className="muted">{t("app.empty")}</li>}
      </ul>
      <ErrorBox error={revoke.error} />
      {manages && v && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={t("case.recordConsent")}>
          <Field label={t("dash.organization")}>
            <select name="consent-org" required value={org} onChange={(e) => setOrg(e.target.value)}>
              <option value="">—</option>
              {(orgs.data?.organizations.nodes ?? []).map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
            </select>
          </Field>
          <Field label={t("case.purpose")}>
            <select name="consent-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
              {PURPOSES.map((p) => <option key={p} value={p}>{enumLabel("ConsentPurpose", p)}</option>)}
            </select>
          </Field>
          <Field label={t("case.expires")}>
            <input name="consent-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </Field>
          <button type="submit" disabled={record.busy || !org}>{t("case.recordConsent")}</button>
          <ErrorBox error={record.error} />
        </form>
      )}
    </>
  );
}

function RequestIdentification({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const request = useMutation<unknown>(REQUEST_ID);
  const [reason, setReason] = useState("");
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void request.run({ caseId, reason }).then((d) => { if (d) { setReason(""); onDone(); } }); }}>
      <Field label={t("case.identificationReason")}>
        <input name="identification-reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={request.busy || !reason.trim()}>{t("case.requestIdentification")}</button>
      <ErrorBox error={request.error} />
    </form>
  );
}

function IdentifierFields({ value, onChange, prefix }: { value: { kind: string; value: string; platform: string }; onChange: (v: { kind: string; value: string; platform: string }) => void; prefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("case.identifierKind")}>
        <select name={`${prefix}-kind`} value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value })}>
          {ID_KINDS.map((k) => <option key={k} value={k}>{enumLabel("IdentifierKind", k)}</option>)}
        </select>
      </Field>
      {value.kind === "ONLINE_ACCOUNT" && (
        <Field label={t("case.platform")}>
          <select name={`${prefix}-platform`} value={value.platform} onChange={(e) => onChange({ ...value, platform: e.target.value })}>
            {PLATFORMS.map((p) => <option key={p} value={p}>{enumLabel("OnlinePlatform", p)}</option>)}
          </select>
        </Field>
      )}
      <Field label={t("case.identifierValue")} hint={value.kind === "PHONE" ? t("case.phoneHint") : undefined}>
        <input name={`${prefix}-value`} dir="ltr" value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })} />
      </Field>
    </>
  );
}

function identifierInput(v: { kind: string; value: string; platform: string }) {
  return { kind: v.kind, value: v.value.trim(), platform: v.kind === "ONLINE_ACCOUNT" ? v.platform : null };
}

function Toggle({ label: text, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>{text}</button>
      {open && children}
    </div>
  );
}

function AddPerpetrator({ caseId, onDone }: { caseId: string; onDone: (alias: string) => void }) {
  const { t } = useTranslation();
  const add = useMutation<unknown>(ADD_PERP);
  const [kind, setKind] = useState("PERSON");
  const [role, setRole] = useState("RECRUITER");
  const [alias, setAlias] = useState("");
  const [relation, setRelation] = useState("");
  const [ident, setIdent] = useState({ kind: "PHONE", value: "", platform: "FACEBOOK" });
  async function submit() {
    const input = { caseId, kind, role, alias: alias.trim(), victimRelation: relation || null,
      identifiers: ident.value.trim() ? [identifierInput(ident)] : [] };
    if (await add.run({ input })) { const a = alias.trim(); setAlias(""); setIdent({ ...ident, value: "" }); onDone(a); }
  }
  return (
    <Toggle label={t("case.addPerpetrator")}>
      <form className="form-grid" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={t("case.addPerpetrator")}>
        <Field label={t("case.alias")} hint={t("case.aliasHint")}>
          <input name="perpetrator-alias" required value={alias} onChange={(e) => setAlias(e.target.value)} />
        </Field>
        <Field label={t("case.perpetratorKind")}>
          <select name="perpetrator-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {["PERSON", "COMPANY"].map((k) => <option key={k} value={k}>{enumLabel("PerpetratorKind", k)}</option>)}
          </select>
        </Field>
        <Field label={t("case.perpetratorRole")}>
          <select name="perpetrator-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {PERP_ROLES.map((r) => <option key={r} value={r}>{enumLabel("PerpetratorRole", r)}</option>)}
          </select>
        </Field>
        <Field label={t("case.relation")}>
          <select name="perpetrator-relation" value={relation} onChange={(e) => setRelation(e.target.value)}>
            <option value="">—</option>
            {RELATIONS.map((r) => <option key={r} value={r}>{enumLabel("VictimRelation", r)}</option>)}
          </select>
        </Field>
        <IdentifierFields value={ident} onChange={setIdent} prefix="perpetrator-identifier" />
        <div className="actions">
          <button type="submit" disabled={add.busy || !alias.trim()}>{t("app.save")}</button>
        </div>
        <ErrorBox error={add.error} />
      </form>
    </Toggle>
  );
}

function InvolvePerpetrator({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const involve = useMutation<unknown>(INVOLVE);
  const [perpetratorId, setPerpetratorId] = useState("");
  const [role, setRole] = useState("RECRUITER");
  return (
    <Toggle label={t("case.involvePerpetrator")}>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void involve.run({ caseId, perpetratorId: perpetratorId.trim(), role, victimRelation: null }).then((d) => d && onDone()); }}>
        <Field label={t("case.perpetratorId")} hint={t("case.perpetratorIdHint")}>
          <input name="involve-id" dir="ltr" required value={perpetratorId} onChange={(e) => setPerpetratorId(e.target.value)} />
        </Field>
        <Field label={t("case.perpetratorRole")}>
          <select name="involve-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {PERP_ROLES.map((r) => <option key={r} value={r}>{enumLabel("PerpetratorRole", r)}</option>)}
          </select>
        </Field>
        <button type="submit" disabled={involve.busy || !perpetratorId.trim()}>{t("case.involve")}</button>
        <ErrorBox error={involve.error} />
      </form>
    </Toggle>
  );
}

function AddIdentifier({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useMutation<unknown>(ADD_IDS);
  const [ident, setIdent] = useState({ kind: "PHONE", value: "", platform: "FACEBOOK" });
  return (
    <Toggle label={t("case.addIdentifier")}>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void add.run({ caseId, identifiers: [identifierInput(ident)] }).then((d) => { if (d) { setIdent({ ...ident, value: "" }); onDone(); } }); }}>
        <IdentifierFields value={ident} onChange={setIdent} prefix="case-identifier" />
        <button type="submit" disabled={add.busy || !ident.value.trim()}>{t("app.save")}</button>
        <ErrorBox error={add.error} />
      </form>
    </Toggle>
  );
}

function AddRouteEvent({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useMutation<unknown>(ADD_ROUTE);
  const [type, setType] = useState("RECRUITMENT");
  const [country, setCountry] = useState("");
  const [governorate, setGovernorate] = useState("");
  const [place, setPlace] = useState("");
  const [occurredOn, setOccurredOn] = useState("");
  async function submit() {
    const input = { caseId, type, country: country.trim().toUpperCase() || null, governorate: governorate || null,
      place: place.trim() || null, occurredOn: occurredOn.trim() || null };
    if (await add.run({ input })) { setPlace(""); setOccurredOn(""); onDone(); }
  }
  return (
    <Toggle label={t("case.addRoute")}>
      <form className="form-grid" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={t("case.addRoute")}>
        <Field label={t("case.stage")}>
          <select name="route-type" value={type} onChange={(e) => setType(e.target.value)}>
            {STAGES.map((s) => <option key={s} value={s}>{enumLabel("RouteEventType", s)}</option>)}
          </select>
        </Field>
        <Field label={t("case.country")} hint={t("case.countryHint")}>
          <input name="route-country" dir="ltr" maxLength={3} value={country} onChange={(e) => setCountry(e.target.value)} />
        </Field>
        <Field label={t("cases.governorate")}>
          <select name="route-governorate" value={governorate} onChange={(e) => setGovernorate(e.target.value)}>
            <option value="">—</option>
            {codes("governorate").map((g) => <option key={g} value={g}>{label("governorate", g)}</option>)}
          </select>
        </Field>
        <Field label={t("rep.place")}>
          <input name="route-place" value={place} onChange={(e) => setPlace(e.target.value)} />
        </Field>
        <Field label={t("case.occurredOn")} hint={t("case.occurredOnHint")}>
          <input name="route-date" dir="ltr" value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
        </Field>
        <div className="actions"><button type="submit" disabled={add.busy}>{t("app.save")}</button></div>
        <ErrorBox error={add.error} />
      </form>
    </Toggle>
  );
}

function AddProtectedPerson({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useMutation<unknown>(ADD_PROTECTED);
  const [role, setRole] = useState("WITNESS");
  const [alias, setAlias] = useState("");
  const [risk, setRisk] = useState("MEDIUM");
  return (
    <Toggle label={t("case.addProtected")}>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void add.run({ input: { caseId, role, alias: alias.trim(), riskLevel: risk } }).then((d) => { if (d) { setAlias(""); onDone(); } }); }}>
        <Field label={t("case.alias")} hint={t("case.aliasHint")}>
          <input name="protected-alias" required value={alias} onChange={(e) => setAlias(e.target.value)} />
        </Field>
        <Field label={t("case.protectedRole")}>
          <select name="protected-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {["WITNESS", "WHISTLEBLOWER"].map((r) => <option key={r} value={r}>{enumLabel("ProtectedRole", r)}</option>)}
          </select>
        </Field>
        <Field label={t("case.risk")}>
          <select name="protected-risk" value={risk} onChange={(e) => setRisk(e.target.value)}>
            {RISKS.map((r) => <option key={r} value={r}>{enumLabel("RiskLevel", r)}</option>)}
          </select>
        </Field>
        <button type="submit" disabled={add.busy || !alias.trim()}>{t("app.save")}</button>
        <ErrorBox error={add.error} />
      </form>
    </Toggle>
  );
}

function AddMeasure({ protectedPersonId, onDone }: { protectedPersonId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useMutation<unknown>(ADD_MEASURE);
  const [kind, setKind] = useState("IDENTITY_WITHHELD");
  const [status, setStatus] = useState("ACTIVE");
  const [body, setBody] = useState("");
  const [reviewDue, setReviewDue] = useState("");
  const [note, setNote] = useState("");
  async function submit() {
    const input = { protectedPersonId, kind, status, responsibleBody: body.trim(), reviewDue: reviewDue || null,
      note: note.trim() || null };
    if (await add.run({ input })) { setBody(""); setReviewDue(""); setNote(""); onDone(); }
  }
  return (
    <Toggle label={t("case.addMeasure")}>
      <form className="form-grid" aria-label={t("case.addMeasure")} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t("case.measureKind")} hint={t("case.measureKindHint")}>
          <select name="measure-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {MEASURE_KINDS.map((k) => <option key={k} value={k}>{enumLabel("ProtectionMeasureKind", k)}</option>)}
          </select>
        </Field>
        <Field label={t("case.measureStatus")}>
          <select name="measure-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{enumLabel("ProtectionMeasureStatus", s)}</option>)}
          </select>
        </Field>
        <Field label={t("case.responsibleBody")}>
          <input name="measure-body" required maxLength={120} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <Field label={t("case.nextReview")} hint={t("case.nextReviewHint")}>
          <input name="measure-review" type="date" dir="ltr" value={reviewDue} onChange={(e) => setReviewDue(e.target.value)} />
        </Field>
        <Field label={t("case.measureNote")}>
          <textarea name="measure-note" maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="actions"><button type="submit" disabled={add.busy || !body.trim()}>{t("app.save")}</button></div>
        <ErrorBox error={add.error} />
      </form>
    </Toggle>
  );
}

function UpdateMeasure({ measureId, status, reviewDue, onDone }: { measureId: string; status: string; reviewDue: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useMutation<unknown>(UPDATE_MEASURE);
  const [next, setNext] = useState(status);
  const [review, setReview] = useState(reviewDue ?? "");
  const changed = next !== status || review !== (reviewDue ?? "");
  async function submit() {
    const variables = { measureId, status: next !== status ? next : null, reviewDue: review && review !== reviewDue ? review : null };
    if (await update.run(variables)) onDone();
  }
  return (
    <Toggle label={t("case.changeMeasure")}>
      <form className="inline-form" aria-label={t("case.changeMeasure")} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t("case.measureStatus")}>
          <select name="measure-new-status" value={next} onChange={(e) => setNext(e.target.value)}>
            {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{enumLabel("ProtectionMeasureStatus", s)}</option>)}
          </select>
        </Field>
        <Field label={t("case.nextReview")}>
          <input name="measure-new-review" type="date" dir="ltr" value={review} onChange={(e) => setReview(e.target.value)} />
        </Field>
        <button type="submit" disabled={update.busy || !changed}>{t("app.save")}</button>
        <ErrorBox error={update.error} />
      </form>
    </Toggle>
  );
}
