import { useTranslation } from "react-i18next";
import { Field } from "./ui";

export type Localized = { fr: string; ar: string; en: string };

/** One text in the three working languages (each field in its own language and direction). */
export function LocalizedInputs({ value, onChange, label, maxLength = 300 }: { value: Localized; onChange: (v: Localized) => void; label: string; maxLength?: number }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{label}</legend>
      {(["fr", "ar", "en"] as const).map((l) => (
        <Field key={l} label={`${label} — ${t(`lang.${l}`)}`}>
          <input lang={l} dir={l === "ar" ? "rtl" : "ltr"} required value={value[l]} maxLength={maxLength} onChange={(e) => onChange({ ...value, [l]: e.target.value })} />
        </Field>
      ))}
    </fieldset>
  );
}

/** A group of checkboxes choosing some of the values. */
export function Checks({ legend, values, chosen, onChange, render }: { legend: string; values: string[]; chosen: string[]; onChange: (v: string[]) => void; render: (v: string) => string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="checks">
        {values.map((v) => (
          <label key={v} className="check">
            <input type="checkbox" checked={chosen.includes(v)} onChange={(e) => onChange(e.target.checked ? [...chosen, v] : chosen.filter((x) => x !== v))} />
            {render(v)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
