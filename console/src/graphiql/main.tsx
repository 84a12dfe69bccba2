// GraphiQL from the npm package, bundled at build time (no CDN), with a sign-in helper that keeps the access
// token in memory only and refreshes it through the same HttpOnly cookie as the console.
import "graphiql/graphiql.css";
import "./graphiql.css";
import { StrictMode, useMemo, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { ApiError, signIn, signOut, token, currentSession } from "../api/auth";

const EXAMPLE = `# Sign in above, then run:
query Example {
  serverInfo { name version environment }
  governorates { code name { text } }
  cases(first: 5) { totalCount nodes { reference status owner { name } } }
}
`;

function Helper({ onChange }: { onChange: () => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [otp, setOtp] = useState("");
  const [message, setMessage] = useState("");
  const session = currentSession();
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await signIn(username, password, otp || undefined);
      setMessage("");
      setPassword("");
      setOtp("");
      onChange();
    } catch (e) {
      setMessage(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    }
  }
  if (session) {
    return (
      <div className="helper">
        Signed in as {session.username} ({session.role}); the token is sent with every request.
        <button type="button" onClick={() => void signOut().then(onChange)}>Sign out</button>
      </div>
    );
  }
  return (
    <form className="helper" onSubmit={(e) => void submit(e)}>
      <label>Username <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" /></label>
      <label>Password <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" /></label>
      <label>TOTP <input value={otp} onChange={(e) => setOtp(e.target.value)} inputMode="numeric" size={7} autoComplete="one-time-code" /></label>
      <button type="submit">Sign in</button>
      {message && <span role="alert">{message}</span>}
    </form>
  );
}

function App() {
  const [version, setVersion] = useState(0);
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: "/graphql",
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          const headers = new Headers(init?.headers);
          const bearer = await token();
          if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
          return fetch(input, { ...init, headers });
        },
      }),
    [version],
  );
  return (
    <div className="page">
      <Helper onChange={() => setVersion((v) => v + 1)} />
      <div className="ide">
        <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} />
      </div>
    </div>
  );
}

createRoot(document.getElementById("graphiql")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
