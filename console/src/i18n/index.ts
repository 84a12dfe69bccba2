import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { ENUMS, MESSAGES } from "./messages";
import { AUTHORITY_ENUMS, AUTHORITY_MESSAGES } from "./messages-authority";
import "./messages-oversight"; // accounts, oversight and the crime graph: merges its keys into MESSAGES and ENUMS
import { CATALOGUES, type Catalogue, type Lang } from "./catalogues";

export const LANGUAGES: { code: Lang; label: string }[] = [
  { code: "fr", label: "Français" },
  { code: "ar", label: "العربية" },
  { code: "en", label: "English" },
];

Object.assign(MESSAGES, AUTHORITY_MESSAGES);
Object.assign(ENUMS, AUTHORITY_ENUMS);

const resources: Record<Lang, { translation: Record<string, string> }> = {
  fr: { translation: {} },
  ar: { translation: {} },
  en: { translation: {} },
};
for (const [key, texts] of Object.entries(MESSAGES)) {
  for (const lang of ["fr", "ar", "en"] as Lang[]) resources[lang].translation[key] = texts[lang];
}
for (const [enumName, values] of Object.entries(ENUMS)) {
  for (const [value, texts] of Object.entries(values)) {
    for (const lang of ["fr", "ar", "en"] as Lang[]) resources[lang].translation[`enum.${enumName}.${value}`] = texts[lang];
  }
}

const STORED = "himaya.language"; // a preference, not a secret
function initial(): Lang {
  const saved = localStorage.getItem(STORED);
  return saved === "ar" || saved === "en" || saved === "fr" ? saved : "fr";
}

export function applyDirection(lang: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initial(),
  fallbackLng: "fr",
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});
applyDirection(i18n.language);
i18n.on("languageChanged", (lang) => {
  applyDirection(lang);
  localStorage.setItem(STORED, lang);
});

export function lang(): Lang {
  return (i18n.language as Lang) ?? "fr";
}

/** An API enum value in the current language (the raw value when unknown). */
export function enumLabel(enumName: string, value: string | null | undefined): string {
  if (!value) return "—";
  const key = `enum.${enumName}.${value}`;
  return i18n.exists(key) ? i18n.t(key) : value;
}

/** A reference code (category, exploitation form, governorate…) in the current language. */
export function label(catalogue: Catalogue, code: string | null | undefined): string {
  if (!code) return "—";
  return CATALOGUES[catalogue].get(code)?.[lang()] ?? code;
}

const LOCALES: Record<Lang, string> = { fr: "fr-TN", ar: "ar-TN", en: "en-GB" };
export function locale(): string {
  return LOCALES[lang()];
}

export function fmtDate(value: string | null | undefined, withTime = false): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" }).format(date);
}

export function fmtNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

export function fmtPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 0 }).format(value);
}

export default i18n;
