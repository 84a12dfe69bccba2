// Users of one's organisation: ADMIN administers every organisation's accounts, an organisation's admin its own
// members (api/users/rules.py). Enrolment links are shown once, with their QR code and a copy button.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentSession, type Role } from "../api/auth";
import { ErrorBox, Field, Loading, Ltr, Notice, useMutation, useQuery } from "../components/ui";
import { CopyButton, QrCode } from "../components/QrCode";
import { fmtDate } from "../i18n";
import "./oversight.css";

const ME = `query ConsoleMe { me { user { id username role organizationAdmin organizationId } organization { id code name } } }`;
const ORGS = `query ConsoleAccountOrgs { organizations(first: 100) { nodes { id code name } } }`;
const MEMBERS = `query ConsoleMembers($organizationId: ID) {
  organizationMembers(organizationId: $organizationId, includeDisabled: true) { id username role disabled organizationAdmin }
}`;
const CREATE = `mutation ConsoleCreateAccount($input: CreateAccountInput!) {
  createAccount(input: $input) { url expiresAt user { id username role } }
}`;
const DISABLE = `mutation ConsoleDisableAccount($userId: ID!) { disableAccount(userId: $userId) { id disabled } }`;
const RESET = `mutation ConsoleResetTotp($userId: ID!) { resetTotp(userId: $userId) { url expiresAt user { id username role } } }`;

export interface MeResult {
  me: {
    user: { id: string; username: string; role: Role; organizationAdmin: boolean; organizationId: string | null };
    organization: { id: string; code: string; name: string } | null;
  };
}
interface Member { id: string; username: string; role: string; disabled: boolean; organizationAdmin: boolean }
interface Link { url: string; expiresAt: string; user: { id: string; username: string; role: string } }

const ALL_ROLES: Role[] = ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT", "JUDICIAL_OFFICER", "ANALYST", "DATA_PROTECTION_OFFICER"];
const MEMBER_ROLES: Role[] = ["CASE_WORKER", "PARTNER_AGENT", "JUDICIAL_OFFICER", "ANALYST"];

/** An enrolment link, shown once: the URL, its QR code, a copy button and when it expires. */
export function EnrolmentLinkBox({ link, title }: { link: Link; title: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-ok link-box" role="status" aria-label={title}>
      <strong>{title}</strong>
      <span>{t("users.linkOnce", { username: link.user.username })}</span>
      <Ltr><span className="link-url" data-testid="enrolment-url">{link.url}</span></Ltr>
      <QrCode value={link.url} label={t("users.linkQr")} size={180} />
      <div className="actions">
        <CopyButton text={link.url} label={t("users.copy")} done={t("users.copied")} />
        <span className="small">{t("users.expires", { when: fmtDate(link.expiresAt, true) })}</span>
      </div>
    </div>
  );
}

export default function Users() {
  const { t } = useTranslation();
  const me = useQuery<MeResult>(ME);
  const isAdmin = currentSession()?.role === "ADMIN";
  const orgs = useQuery<{ organizations: { nodes: { id: string; code: string; name: string }[] } }>(ORGS, undefined, !isAdmin);
  const [orgId, setOrgId] = useState<string>("");
  const own = me.data?.me.organization ?? null;
  useEffect(() => {
    if (!orgId && own) setOrgId(own.id);
  }, [own, orgId]);
  const members = useQuery<{ organizationMembers: Member[] }>(MEMBERS, { organizationId: orgId || null }, !orgId);
  const disable = useMutation<{ disableAccount: { id: string } }>(DISABLE);
  const reset = useMutation<{ resetTotp: Link }>(RESET);
  // Kept as a key, not a sentence: the box follows a change of language.
  const [link, setLink] = useState<{ link: Link; title: "users.created" | "users.resetDone" } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (me.loading && !me.data) return <Loading />;
  if (me.error) return <ErrorBox error={me.error} onRetry={me.reload} />;
  const mine = me.data!.me.user;
  const manages = isAdmin || mine.organizationAdmin;
  const orgList = isAdmin ? orgs.data?.organizations.nodes ?? [] : own ? [own] : [];
  const orgCode = orgList.find((o) => o.id === orgId)?.code ?? own?.code ?? "";

  async function onDisable(m: Member) {
    setNotice(null);
    if (await disable.run({ userId: m.id })) {
      setNotice(t("users.disabled", { username: m.username }));
      members.reload();
    }
  }
  async function onReset(m: Member) {
    setNotice(null);
    const done = await reset.run({ userId: m.id });
    if (done) {
      setLink({ link: done.resetTotp, title: "users.resetDone" });
      members.reload();
    }
  }

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t("users.title")}</h1>
      <p className="muted small">{isAdmin ? t("users.introAdmin") : manages ? t("users.introOrgAdmin") : t("users.introMember")}</p>
      {isAdmin && (
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <Field label={t("users.organization")}>
            <select value={orgId} onChange={(e) => { setOrgId(e.target.value); setLink(null); }}>
              {orgList.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </Field>
        </form>
      )}
      {!isAdmin && own && <p><strong>{t("users.organization")} :</strong> {own.name}</p>}
      {link && <EnrolmentLinkBox link={link.link} title={t(link.title, { username: link.link.user.username })} />}
      {notice && <Notice>{notice}</Notice>}
      <ErrorBox error={members.error ?? disable.error ?? reset.error} />
      <article className="card">
        <h2>{t("users.members")}</h2>
        {members.loading && !members.data && <Loading />}
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t("signin.username")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.state")}</th>
              {manages && <th scope="col">{t("ref.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {(members.data?.organizationMembers ?? []).map((m) => (
              <tr key={m.id} data-username={m.username}>
                <td><Ltr>{m.username}</Ltr>{m.organizationAdmin && <span className="badge">{t("users.orgAdmin")}</span>}</td>
                <td>{t(`role.${m.role}`)}</td>
                <td>{m.disabled ? <span className="warn">{t("users.stateDisabled")}</span> : <span className="ok">{t("users.stateActive")}</span>}</td>
                {manages && (
                  <td>
                    <div className="actions">
                    {m.id !== mine.id && !m.disabled && (
                      <button type="button" className="secondary" disabled={disable.busy} onClick={() => void onDisable(m)}
                        aria-label={t("users.disableOf", { username: m.username })}>{t("users.disable")}</button>
                    )}
                    {m.id !== mine.id && (
                      <button type="button" className="secondary" disabled={reset.busy} onClick={() => void onReset(m)}
                        aria-label={t("users.resetOf", { username: m.username })}>{t("users.reset")}</button>
                    )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
            {members.data && members.data.organizationMembers.length === 0 && (
              <tr><td colSpan={manages ? 4 : 3} className="muted">{t("app.empty")}</td></tr>
            )}
          </tbody>
        </table>
      </article>
      {manages && orgCode && (
        <CreateAccount organizationCode={orgCode} roles={isAdmin ? ALL_ROLES : MEMBER_ROLES} allowOrgAdmin={isAdmin}
          onCreated={(l) => { setLink({ link: l, title: "users.created" }); members.reload(); }} />
      )}
    </section>
  );
}

function CreateAccount({ organizationCode, roles, allowOrgAdmin, onCreated }: {
  organizationCode: string; roles: Role[]; allowOrgAdmin: boolean; onCreated: (link: Link) => void;
}) {
  const { t } = useTranslation();
  const create = useMutation<{ createAccount: Link }>(CREATE);
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("CASE_WORKER") ? "CASE_WORKER" : roles[0]);
  const [orgAdmin, setOrgAdmin] = useState(false);
  async function submit() {
    const done = await create.run({ input: { username: username.trim(), role, organizationCode, organizationAdmin: orgAdmin } });
    if (done) {
      setUsername("");
      setOrgAdmin(false);
      onCreated(done.createAccount);
    }
  }
  return (
    <article className="card">
      <h2>{t("users.create")}</h2>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t("signin.username")} hint={t("users.usernameHint")}>
          <input name="new-username" dir="ltr" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field label={t("users.role")}>
          <select name="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </Field>
        {allowOrgAdmin && (
          <label className="check"><input type="checkbox" checked={orgAdmin} onChange={(e) => setOrgAdmin(e.target.checked)} /> {t("users.makeOrgAdmin")}</label>
        )}
        <button type="submit" disabled={create.busy || !username.trim()}>{t("users.createSubmit")}</button>
      </form>
      <ErrorBox error={create.error} />
    </article>
  );
}
