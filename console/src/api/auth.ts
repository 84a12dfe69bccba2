// Sign-in state. The access token lives in memory only (never localStorage/sessionStorage); the refresh token
// is an HttpOnly, SameSite=Strict cookie scoped to /auth/ that script cannot read. A page reload restores the
// session through /auth/refresh; refreshes are serialised across tabs (Web Locks) so rotation never collides.

export type Role = "ADMIN" | "COORDINATOR" | "CASE_WORKER" | "PARTNER_AGENT" | "JUDICIAL_OFFICER" | "ANALYST"
  | "DATA_PROTECTION_OFFICER";

export interface Session {
  userId: string;
  role: Role;
  organizationId: string | null;
  username: string | null;
}

export class ApiError extends Error {
  constructor(public code: string, message: string, public retryAfter?: number) {
    super(message);
  }
}

const CLIENT = { "X-Himaya-Client": "console" };
let accessToken: string | null = null;
let expiresAt = 0;
let session: Session | null = null;
let refreshTimer: number | undefined;
let inflight: Promise<boolean> | null = null;
const listeners = new Set<(s: Session | null) => void>();

export function currentSession(): Session | null {
  return session;
}

export function onSessionChange(listener: (s: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function language(): string {
  return document.documentElement.lang || "fr";
}

function publish(next: Session | null): void {
  session = next;
  listeners.forEach((l) => l(next));
}

async function fail(response: Response): Promise<never> {
  let code = "INTERNAL";
  let message = response.statusText;
  try {
    const body = await response.json();
    code = body?.error?.code ?? code;
    message = body?.error?.message ?? message;
  } catch {
    /* not JSON */
  }
  const retry = Number(response.headers.get("retry-after") ?? "") || undefined;
  throw new ApiError(code, message, retry);
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "Accept-Language": language(), ...CLIENT, ...headers },
    body: JSON.stringify(body),
  });
}

function keep(tokens: { access_token: string; expires_in: number }): void {
  accessToken = tokens.access_token;
  expiresAt = Date.now() + tokens.expires_in * 1000;
  window.clearTimeout(refreshTimer);
  // Silent refresh a minute before the access token expires.
  const lead = Math.max(5_000, tokens.expires_in * 1000 - 60_000);
  refreshTimer = window.setTimeout(() => void refresh(), lead);
}

async function loadSession(username: string | null): Promise<void> {
  const response = await fetch("/auth/session", {
    headers: { Authorization: `Bearer ${accessToken}`, "Accept-Language": language() },
  });
  if (!response.ok) await fail(response);
  const body = await response.json();
  publish({ userId: body.user_id, role: body.role, organizationId: body.organization_id, username });
}

export async function signIn(username: string, password: string, otp?: string): Promise<void> {
  const body: Record<string, unknown> = { username, password, refresh_cookie: true };
  if (otp) body.otp = otp;
  const response = await post("/auth/login", body);
  if (!response.ok) await fail(response);
  keep(await response.json());
  await loadSession(username);
}

async function doRefresh(): Promise<boolean> {
  const response = await post("/auth/refresh", {});
  if (!response.ok) {
    clear();
    return false;
  }
  keep(await response.json());
  if (!session) await loadSession(null);
  return true;
}

/** Spend the refresh cookie for a new access token; false (and signed out) when the session is over. */
export function refresh(): Promise<boolean> {
  if (inflight) return inflight;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const run = locks ? locks.request("himaya-refresh", () => doRefresh()) : doRefresh();
  inflight = run.finally(() => {
    inflight = null;
  });
  return inflight;
}

/** On start: a session survives a reload through the refresh cookie. */
export async function restore(): Promise<boolean> {
  try {
    return await refresh();
  } catch {
    clear();
    return false;
  }
}

/** A valid access token, refreshed first when it is about to expire; null when signed out. */
export async function token(): Promise<string | null> {
  if (accessToken && Date.now() < expiresAt - 10_000) return accessToken;
  if (!session) return null;
  return (await refresh()) ? accessToken : null;
}

function clear(): void {
  accessToken = null;
  expiresAt = 0;
  window.clearTimeout(refreshTimer);
  publish(null);
}

export async function signOut(): Promise<void> {
  const headers: Record<string, string> = accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
  try {
    await post("/auth/logout", {}, headers);
  } finally {
    clear();
  }
}

/** Forget the session when the server says the token is no longer good (revoked, disabled account). */
export function sessionEnded(): void {
  clear();
}
