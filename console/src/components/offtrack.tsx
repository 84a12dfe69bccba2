import { useTranslation } from "react-i18next";
import { fmtNumber, fmtPercent } from "../i18n";
import { Ltr } from "./ui";

export interface OffTrack {
  indicator: { id: string; code: string; title: { text: string }; unit: string };
  period: number; target: number | null; actual: number | null; progress: number | null;
}

/** The strategy's indicators off track: target against actual for the period. */
export function OffTrackList({ items }: { items: OffTrack[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain offtrack">
      {items.map((x) => (
        <li key={x.indicator.id} data-code={x.indicator.code}>
          <strong>{x.indicator.title.text}</strong> <span className="muted small">(<Ltr>{x.indicator.code}</Ltr>)</span>
          <div className="small">{t("strat.target")} : {fmtNumber(x.target, 1)} · {t("strat.actual")} : {fmtNumber(x.actual, 1)} {x.indicator.unit} · {t("strat.progress")} : {fmtPercent(x.progress)}</div>
        </li>
      ))}
      {items.length === 0 && <li className="muted">{t("strat.noneOffTrack")}</li>}
    </ul>
  );
}
