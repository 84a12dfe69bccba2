import { gql } from "../api/graphql";

const DOCUMENT = `query ConsoleTransmissionDocument($id: ID!) { transmissionDocument(id: $id) { filename contentType contentBase64 contentHash } }`;

/** Fetch the transmission's PDF through GraphQL and open it from a blob: URL (no token in any URL). */
export async function openTransmissionPdf(id: string): Promise<void> {
  const data = await gql<{ transmissionDocument: { filename: string; contentType: string; contentBase64: string } }>(DOCUMENT, { id });
  const doc = data.transmissionDocument;
  const bytes = Uint8Array.from(atob(doc.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: doc.contentType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = doc.filename;
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
