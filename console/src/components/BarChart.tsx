import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { locale } from "../i18n";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const PALETTE = ["#1d4e89", "#e07a1f", "#2a9d5b", "#c0392b", "#7b4fa0", "#5c6f82"];

export interface Series {
  label: string;
  values: number[];
}

/** A horizontal bar chart; the table next to it carries the same figures for screen readers. */
export default function BarChart({ labels, series, title }: { labels: string[]; series: Series[]; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!canvas.current) return;
    const rtl = i18n.language === "ar";
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels,
        datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })),
      },
      options: {
        indexAxis: "y",
        locale: locale(),
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { rtl, position: "top", labels: { font: { family: "Noto Sans, Noto Sans Arabic" } } },
          tooltip: { rtl },
        },
        scales: {
          x: { reverse: rtl, beginAtZero: true, ticks: { precision: 0 } },
          y: { position: rtl ? "right" : "left", ticks: { font: { family: "Noto Sans, Noto Sans Arabic" } } },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, series, i18n.language]);
  return (
    <div className="chart" style={{ blockSize: `${Math.max(160, labels.length * 34 + 70)}px` }}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
