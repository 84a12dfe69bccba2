import { gql } from "../api/graphql";

/** Hand bytes to the browser as a download from a blob: URL (no token ever goes into a URL). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface PrintableDocument { filename: string; contentType: string; contentBase64: string }

export function saveDocument(doc: PrintableDocument): void {
  const bytes = Uint8Array.from(atob(doc.contentBase64), (c) => c.charCodeAt(0));
  saveBlob(new Blob([bytes], { type: doc.contentType }), doc.filename);
}

/** Run a query whose only root field answers a PrintableDocument, and download it. */
export async function downloadDocument(query: string, variables: Record<string, unknown>): Promise<void> {
  const data = await gql<Record<string, PrintableDocument>>(query, variables);
  saveDocument(Object.values(data)[0]);
}
