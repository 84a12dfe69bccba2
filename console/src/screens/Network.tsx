import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { gql } from "../api/graphql";
import { ErrorBox, Field, Loading, useQuery } from "../components/ui";
import { codes, GOVERNORATES } from "../i18n/catalogues";
import { enumLabel, fmtNumber, label, lang } from "../i18n";

const NETWORK = `query ConsoleNetwork {
  organizations(first: 100) {
    nodes { id code name kind governorate { code latitude longitude }
      partners { organization { code } since agreement }
      services { id name category status capacity { available maximum } } }
  }
}`;
const GAPS = `query ConsoleGaps($category: ServiceCategory!) { coverageGaps(category: $category) { governorate { code } distanceKm nearestService { name } } }`;
const PATH = `query ConsolePath($fromCode: String!, $toCode: String!) { partnershipPath(fromCode: $fromCode, toCode: $toCode) { code name } }`;

interface Org {
  id: string; code: string; name: string; kind: string; governorate: { code: string; latitude: number; longitude: number } | null;
  partners: { organization: { code: string }; since: string | null; agreement: string | null }[];
  services: { id: string; name: string; category: string; status: string; capacity: { available: number | null; maximum: number | null } }[];
}

// Map-like layout: longitude/latitude of Tunisia projected onto the canvas (north up, mirrored in RTL? no: a map stays a map).
function project(lat: number, lon: number): { x: number; y: number } {
  return { x: (lon - 7.5) * 260, y: (37.6 - lat) * 260 };
}

export default function Network() {
  const { t, i18n } = useTranslation();
  const net = useQuery<{ organizations: { nodes: Org[] } }>(NETWORK);
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [layout, setLayout] = useState<"map" | "force">("map");
  const [category, setCategory] = useState("SHELTER");
  const [gaps, setGaps] = useState<{ governorate: { code: string }; distanceKm: number | null; nearestService: { name: string } | null }[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [path, setPath] = useState<{ code: string; name: string }[] | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [courts, setCourts] = useState(false);
  const all = net.data?.organizations.nodes ?? [];
  const orgs = useMemo(() => (courts ? all : all.filter((o) => o.kind !== "JUDICIAL_BODY")), [all, courts]);

  const elements = useMemo<ElementDefinition[]>(() => {
    const out: ElementDefinition[] = [];
    const offsets = new Map<string, number>();
    for (const g of GOVERNORATES) {
      out.push({ data: { id: `gov:${g.code}`, label: g.names[lang()], kind: "governorate" }, position: project(g.lat, g.lon), classes: "governorate" });
    }
    for (const o of orgs) {
      const base = o.governorate ? project(o.governorate.latitude, o.governorate.longitude) : { x: 0, y: 0 };
      const n = offsets.get(o.governorate?.code ?? "") ?? 0;
      offsets.set(o.governorate?.code ?? "", n + 1);
      const angle = n * 1.9;
      const pos = { x: base.x + Math.cos(angle) * (40 + n * 12), y: base.y + Math.sin(angle) * (40 + n * 12) };
      out.push({ data: { id: `org:${o.code}`, label: o.name, kind: "organization" }, position: pos, classes: `organization kind-${o.kind.toLowerCase()}` });
      o.services.forEach((s, i) => {
        out.push({ data: { id: `svc:${s.id}`, label: "", name: s.name, kind: "service" }, position: { x: pos.x + Math.cos(i * 1.3) * 60, y: pos.y + Math.sin(i * 1.3) * 60 }, classes: `service status-${s.status.toLowerCase()}` });
        out.push({ data: { id: `provides:${s.id}`, source: `org:${o.code}`, target: `svc:${s.id}` }, classes: "provides" });
      });
    }
    const seen = new Set<string>();
    for (const o of orgs) {
      for (const p of o.partners) {
        const key = [o.code, p.organization.code].sort().join("|");
        if (seen.has(key) || !orgs.some((x) => x.code === p.organization.code)) continue;
        seen.add(key);
        out.push({ data: { id: `partner:${key}`, source: `org:${o.code}`, target: `org:${p.organization.code}`, label: p.agreement ?? "" }, classes: "partnership" });
      }
    }
    return out;
  }, [orgs, i18n.language]);

  useEffect(() => {
    if (!container.current || !orgs.length) return;
    const instance = cytoscape({
      container: container.current,
      elements,
      layout: { name: "preset", fit: true, padding: 24 },
      style: [
        { selector: "node", style: { label: "data(label)", "font-family": "Noto Sans, Noto Sans Arabic, sans-serif", "text-wrap": "ellipsis", "text-max-width": "220px", "font-size": 20, color: "#1b2733", "text-valign": "bottom", "text-margin-y": 3 } },
        { selector: ".governorate", style: { shape: "round-rectangle", width: 14, height: 14, "background-color": "#dde5ee", "border-width": 1, "border-color": "#9aacbf", "font-size": 16, color: "#5c6f82" } },
        { selector: ".governorate.gap", style: { "background-color": "#f4c7c3", "border-color": "#b3261e", "border-width": 2, color: "#8c1d18" } },
        { selector: ".organization", style: { shape: "ellipse", width: 30, height: 30, "background-color": "#1d4e89" } },
        { selector: ".kind-judicial_body", style: { "background-color": "#7b4fa0" } },
        { selector: ".kind-national_authority", style: { "background-color": "#0b2545", width: 34, height: 34 } },
        { selector: ".service", style: { shape: "rectangle", width: 12, height: 12, "background-color": "#2a9d5b", "font-size": 7 } },
        { selector: ".service.status-temporarily_closed, .service.status-inactive", style: { "background-color": "#9aa5b1" } },
        { selector: "edge.provides", style: { width: 1, "line-color": "#b8c4d0" } },
        { selector: "edge.partnership", style: { width: 2.5, "line-color": "#e07a1f", "curve-style": "bezier" } },
        { selector: ".on-path", style: { "background-color": "#c0392b", "line-color": "#c0392b", width: 4 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#f2b705" } },
        { selector: ".service:selected", style: { label: "data(name)" } },
      ],
    });
    instance.on("tap", "node", (e) => setSelected(e.target.id()));
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [elements, orgs.length]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    if (layout === "map") instance.layout({ name: "preset", fit: true, padding: 24 }).run();
    else instance.layout({ name: "cose", animate: false, fit: true, padding: 24, nodeRepulsion: () => 9000 }).run();
    instance.nodes(".governorate").style("display", layout === "map" ? "element" : "none");
  }, [layout, elements]);

  useEffect(() => {
    let live = true;
    gql<{ coverageGaps: typeof gaps }>(GAPS, { category })
      .then((d) => live && setGaps(d.coverageGaps))
      .catch((e) => live && setError(e));
    return () => { live = false; };
  }, [category]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.nodes(".governorate").removeClass("gap");
    for (const g of gaps) instance.getElementById(`gov:${g.governorate.code}`).addClass("gap");
  }, [gaps, elements]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.elements().removeClass("on-path");
    if (!path) return;
    path.forEach((o, i) => {
      instance.getElementById(`org:${o.code}`).addClass("on-path");
      if (i > 0) instance.getElementById(`partner:${[path[i - 1].code, o.code].sort().join("|")}`).addClass("on-path");
    });
  }, [path, elements]);

  function select(id: string) {
    setSelected(id);
    const instance = cy.current;
    if (!instance) return;
    instance.elements().unselect();
    instance.getElementById(id).select();
  }

  async function findPath() {
    setError(null);
    try {
      setPath((await gql<{ partnershipPath: { code: string; name: string }[] | null }>(PATH, { fromCode: from, toCode: to })).partnershipPath);
    } catch (e) {
      setError(e);
    }
  }

  const selectedOrg = selected?.startsWith("org:") ? orgs.find((o) => `org:${o.code}` === selected) : undefined;
  const selectedService = selected?.startsWith("svc:") ? orgs.flatMap((o) => o.services.map((s) => ({ ...s, org: o }))).find((s) => `svc:${s.id}` === selected) : undefined;

  return (
    <section aria-labelledby="net-title">
      <h1 id="net-title">{t("net.title")}</h1>
      <p className="muted small">{t("net.legend")}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <Field label={t("net.layout")}>
          <select value={layout} onChange={(e) => setLayout(e.target.value as "map" | "force")}>
            <option value="map">{t("net.map")}</option>
            <option value="force">{t("net.force")}</option>
          </select>
        </Field>
        <label className="check"><input type="checkbox" checked={courts} onChange={(e) => setCourts(e.target.checked)} /> {t("net.courts")}</label>
        <Field label={`${t("net.gaps")} — ${t("net.category")}`}>
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            {codes("category").map((c) => <option key={c} value={c}>{label("category", c)}</option>)}
          </select>
        </Field>
      </form>
      <ErrorBox error={net.error ?? error} onRetry={net.reload} />
      {net.loading && !net.data && <Loading />}
      <div className="network">
        <div ref={container} className="graph" role="img" aria-label={t("net.graphLabel")} />
        <aside className="card network-side">
          <h2>{t("net.gaps")}</h2>
          <p className="small">{t("net.gapsCount", { count: gaps.length })}</p>
          <ul className="plain small gaps" tabIndex={0} aria-label={t("net.gaps")}>
            {gaps.map((g) => <li key={g.governorate.code}>{label("governorate", g.governorate.code)} — {g.nearestService?.name ?? "—"} ({fmtNumber(g.distanceKm)} km)</li>)}
          </ul>
          <h2>{t("net.path")}</h2>
          <form onSubmit={(e) => { e.preventDefault(); void findPath(); }}>
            <Field label={t("net.from")}>
              <select value={from} onChange={(e) => setFrom(e.target.value)} required>
                <option value="">—</option>
                {orgs.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
              </select>
            </Field>
            <Field label={t("net.to")}>
              <select value={to} onChange={(e) => setTo(e.target.value)} required>
                <option value="">—</option>
                {orgs.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
              </select>
            </Field>
            <button type="submit" disabled={!from || !to}>{t("net.findPath")}</button>
          </form>
          {path === null && <p className="warn">{t("net.noPath")}</p>}
          {path && <ol className="small">{path.map((o) => <li key={o.code}>{o.name}</li>)}</ol>}
          <h2>{t("net.selected")}</h2>
          {selectedOrg && (
            <div className="small">
              <strong>{selectedOrg.name}</strong> · {enumLabel("OrganizationKind", selectedOrg.kind)} · {label("governorate", selectedOrg.governorate?.code)}
              <p>{t("net.partners")} : {selectedOrg.partners.map((p) => orgs.find((o) => o.code === p.organization.code)?.name ?? p.organization.code).join(", ") || "—"}</p>
              <p>{t("net.services")} : {selectedOrg.services.map((s) => s.name).join(", ") || "—"}</p>
            </div>
          )}
          {selectedService && (
            <div className="small">
              <strong>{selectedService.name}</strong> · {label("category", selectedService.category)} · {selectedService.org.name}
              <p>{t("ref.available")} : {fmtNumber(selectedService.capacity.available)} / {fmtNumber(selectedService.capacity.maximum)}</p>
            </div>
          )}
          <details>
            <summary>{t("net.nodeList")}</summary>
            <ul className="plain node-list">
              {orgs.map((o) => <li key={o.code}><button type="button" className="link" onClick={() => select(`org:${o.code}`)}>{o.name}</button></li>)}
            </ul>
          </details>
          <p className="muted small">{t("net.trafficking")}</p>
        </aside>
      </div>
    </section>
  );
}
