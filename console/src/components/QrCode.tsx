// A QR code drawn on a canvas in the browser (the qrcode package; nothing leaves the page, no network).
import { useEffect, useRef } from "react";
import QRCode from "qrcode";

export function QrCode({ value, label, size = 220 }: { value: string; label: string; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, value, { width: size, margin: 2, errorCorrectionLevel: "M" });
  }, [value, size]);
  return <canvas ref={canvas} className="qr" role="img" aria-label={label} width={size} height={size} />;
}

/** The secret of an otpauth:// URI, grouped by four for reading aloud or typing. */
export function otpSecret(uri: string): string {
  try {
    return new URL(uri).searchParams.get("secret") ?? "";
  } catch {
    return "";
  }
}

export function CopyButton({ text, label, done }: { text: string; label: string; done: string }) {
  const button = useRef<HTMLButtonElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      if (button.current) button.current.dataset.copied = "true";
      button.current?.setAttribute("aria-label", done);
      if (button.current) button.current.textContent = done;
    } catch {
      /* the clipboard may be refused (no secure context): the text stays selectable */
    }
  }
  return <button ref={button} type="button" className="secondary" onClick={() => void copy()}>{label}</button>;
}
