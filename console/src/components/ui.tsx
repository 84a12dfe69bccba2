import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/auth";
import { gql } from "../api/graphql";

/** Ids, references, phone numbers and hashes stay left-to-right inside Arabic text. */
export function Ltr({ children }: { children: ReactNode }) {
  return (
    <bdi dir="ltr" className="ltr">
      {children}
    </bdi>
  );
}

export function errorText(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    const own = t(key, { seconds: error.retryAfter ?? 60 });
    if (own !== key) return own;
    return error.message || error.code;
  }
  if (error instanceof TypeError) return t("error.NETWORK");
  return String(error);
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      {errorText(error, t)}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-ok" role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t("app.loading")}
    </p>
  );
}

export interface QueryState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Run a GraphQL query now and whenever the variables or the language change. */
export function useQuery<T>(query: string, variables?: Record<string, unknown>, skip = false): QueryState<T> {
  const { i18n } = useTranslation();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!skip);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables ?? {});
  useEffect(() => {
    if (skip) return;
    let live = true;
    setLoading(true);
    gql<T>(query, variables)
      .then((result) => {
        if (live) {
          setData(result);
          setError(null);
        }
      })
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, key, tick, skip, i18n.language]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** A mutation with its busy flag, its error and its last result. */
export function useMutation<T>(mutation: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (variables: Record<string, unknown>): Promise<T | null> => {
      setBusy(true);
      setError(null);
      try {
        return await gql<T>(mutation, variables);
      } catch (e) {
        setError(e);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [mutation],
  );
  return { run, busy, error, setError };
}

/** Call fn every `ms` while the page is visible. */
export function usePolling(fn: () => void, ms: number) {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === "visible") saved.current();
    }, ms);
    return () => window.clearInterval(id);
  }, [ms]);
}

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

export function StatusBadge({ kind, value, text }: { kind: string; value: string; text: string }) {
  return <span className={`badge badge-${kind}-${value.toLowerCase()}`}>{text}</span>;
}
