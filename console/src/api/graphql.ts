// The one way the console talks to the API: POST /graphql with the caller's own token (no back door).
import { ApiError, refresh, sessionEnded, token } from "./auth";

export interface GraphQLErrorItem {
  message: string;
  extensions?: { code?: string };
}

async function send(query: string, variables: Record<string, unknown> | undefined, bearer: string | null) {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "Accept-Language": document.documentElement.lang || "fr",
    "X-Himaya-Client": "console",
  };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  return fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
}

export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  let response = await send(query, variables, await token());
  if (response.status === 401 && (await refresh())) {
    response = await send(query, variables, await token());
  }
  let body: { data?: T; errors?: GraphQLErrorItem[]; error?: { code: string; message: string } };
  try {
    body = await response.json();
  } catch {
    throw new ApiError("INTERNAL", response.statusText);
  }
  if (response.status === 401) {
    sessionEnded();
    throw new ApiError("UNAUTHENTICATED", body.error?.message ?? "");
  }
  if (body.error) throw new ApiError(body.error.code, body.error.message);
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first.extensions?.code ?? "INTERNAL", first.message);
  }
  return body.data as T;
}

/** The console knows an organisation only by its raw id until `me` lands; node(id) takes the relay form. */
export function globalId(type: string, localId: string): string {
  return btoa(`${type}:${localId}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
