// "Me": my own account, organisation and what my role may call (the `me` query).
import { useTranslation } from "react-i18next";
import { ErrorBox, Loading, Ltr, useQuery } from "../components/ui";
import "./oversight.css";

const ME = `query ConsoleMyAccount { me { user { id username role organizationAdmin } organization { name code }
  allowedQueries allowedMutations } }`;

interface MeData {
  me: { user: { id: string; username: string; role: string; organizationAdmin: boolean }; organization: { name: string; code: string } | null;
    allowedQueries: string[]; allowedMutations: string[] };
}

export default function MyAccount() {
  const { t } = useTranslation();
  const me = useQuery<MeData>(ME);
  if (me.loading && !me.data) return <Loading />;
  if (me.error) return <ErrorBox error={me.error} onRetry={me.reload} />;
  const m = me.data!.me;
  return (
    <section aria-labelledby="me-title">
      <h1 id="me-title">{t("me.title")}</h1>
      <article className="card">
        <dl className="facts">
          <dt>{t("signin.username")}</dt><dd><Ltr>{m.user.username}</Ltr></dd>
          <dt>{t("users.role")}</dt><dd>{t(`role.${m.user.role}`)}</dd>
          <dt>{t("users.organization")}</dt><dd>{m.organization ? <>{m.organization.name} (<Ltr>{m.organization.code}</Ltr>)</> : "—"}</dd>
          <dt>{t("users.orgAdmin")}</dt><dd>{m.user.organizationAdmin ? t("app.yes") : t("app.no")}</dd>
          <dt>{t("me.id")}</dt><dd><Ltr><code>{m.user.id}</code></Ltr></dd>
        </dl>
      </article>
      <div className="grid2">
        <article className="card">
          <h2>{t("me.queries", { count: m.allowedQueries.length })}</h2>
          <ul className="plain small">{m.allowedQueries.map((q) => <li key={q}><Ltr><code>{q}</code></Ltr></li>)}</ul>
        </article>
        <article className="card">
          <h2>{t("me.mutations", { count: m.allowedMutations.length })}</h2>
          <ul className="plain small">{m.allowedMutations.map((q) => <li key={q}><Ltr><code>{q}</code></Ltr></li>)}</ul>
        </article>
      </div>
    </section>
  );
}
