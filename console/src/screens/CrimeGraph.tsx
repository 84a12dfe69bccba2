// Link analysis, the crime graph (national roles): suspected networks of cases that share identifiers or
// perpetrators, drawn with Cytoscape; node by node (click or keyboard list: details and neighbours); a coordinator
// confirms or dismisses a suggested link between two cases with a reason; recompute on demand.
import { useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { gql } from "../api/graphql";
import { ErrorBox, Field, Loading, Ltr, Notice, StatusBadge, useMutation, useQuery } from "../components/ui";
import { enumLabel, fmtDate, fmtNumber, label } from "../i18n";
import "../i18n/apiEnums";
import "./oversight.css";

const NETWORKS = `query ConsoleSuspectedNetworks { suspectedNetworks(first: 30) { computedAt total
  networks { id size sharedIdentifiers sharedPerpetrators confirmedLinks governorates latestActivityAt
    cases { id reference status governorate } } } }`;
const RECOMPUTE = `mutation ConsoleRecomputeNetworks { recomputeSuspectedNetworks }`;
const DECIDE = (confirm: boolean) => `mutation ConsoleDecideCaseLink($caseId: ID!, $otherCaseId: ID!, $reason: String!) {
  ${confirm ? "confirmCaseLink" : "dismissCaseLink"}(caseId: $caseId, otherCaseId: $otherCaseId, reason: $reason) { decision reason decidedAt } }`;
const LINK_FIELDS = `caseId linkedCases evidence { evidenceId evidenceType kind otherCases }
  links { caseId reference decision decidedAt decisionReason pathCount paths { evidence relationships steps { type id label } } }`;

interface NetCase { id: string; reference: string; status: string; governorate: string | null }
interface Network {
  id: string; size: number; sharedIdentifiers: number; sharedPerpetrators: number; confirmedLinks: number;
  governorates: string[]; latestActivityAt: string | null; cases: NetCase[];
}
interface Step { type: string; id: string; label: string | null }
interface LinkedCase {
  caseId: string; reference: string; decision: string; decidedAt: string | null; decisionReason: string | null; pathCount: number;
  paths: { evidence: string; relationships: string[]; steps: Step[] }[];
}
interface CaseLinks { caseId: string; linkedCases: number; links: LinkedCase[] }

/** One request for the links of every case of the network (GraphQL aliases), not one per case. */
function linksQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$c${i}: ID!`).join(", ");
  const fields = Array.from({ length: count }, (_, i) => `c${i}: caseLinks(caseId: $c${i}) { ${LINK_FIELDS} }`).join("\n");
  return `query ConsoleNetworkLinks(${vars}) {\n${fields}\n}`;
}

const nodeId = (type: string, id: string) => `${type}:${id}`;
const pairKey = (a: string, b: string) => [a, b].sort().join("|");

function stepLabel(step: Step): string {
  if (step.type === "Identifier") return enumLabel("IdentifierKind", step.label);
  return step.label ?? step.id;
}

export default function CrimeGraph() {
  const { t, i18n } = useTranslation();
  const nets = useQuery<{ suspectedNetworks: { computedAt: string | null; total: number; networks: Network[] } }>(NETWORKS);
  const recompute = useMutation<{ recomputeSuspectedNetworks: number }>(RECOMPUTE);
  const [networkId, setNetworkId] = useState<string | null>(null);
  const [links, setLinks] = useState<CaseLinks[] | null>(null);
  const [linksError, setLinksError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ key: string; params: Record<string, string> } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const networks = nets.data?.suspectedNetworks.networks ?? [];
  const network = networks.find((n) => n.id === networkId) ?? null;

  useEffect(() => {
    if (!network || network.cases.length === 0) { setLinks(null); return; }
    let live = true;
    const vars = Object.fromEntries(network.cases.map((c, i) => [`c${i}`, c.id]));
    setLinksError(null);
    gql<Record<string, CaseLinks>>(linksQuery(network.cases.length), vars)
      .then((d) => live && setLinks(network.cases.map((_, i) => d[`c${i}`])))
      .catch((e) => live && setLinksError(e));
    return () => { live = false; };
  }, [network, tick]);

  // Nodes (cases, perpetrators, identifiers), the evidence edges of every path, and one edge per pair of linked
  // cases carrying the coordinator's decision.
  const graph = useMemo(() => {
    const nodes = new Map<string, { type: string; id: string; label: string; reference?: string }>();
    const edges = new Map<string, ElementDefinition>();
    const pairs = new Map<string, { a: string; b: string; aRef: string; bRef: string; link: LinkedCase }>();
    for (const c of network?.cases ?? []) nodes.set(nodeId("Case", c.id), { type: "Case", id: c.id, label: c.reference, reference: c.reference });
    for (const cl of links ?? []) {
      const from = nodes.get(nodeId("Case", cl.caseId));
      for (const l of cl.links) {
        if (!nodes.has(nodeId("Case", l.caseId))) nodes.set(nodeId("Case", l.caseId), { type: "Case", id: l.caseId, label: l.reference, reference: l.reference });
        const key = pairKey(cl.caseId, l.caseId);
        if (!pairs.has(key)) pairs.set(key, { a: cl.caseId, b: l.caseId, aRef: from?.label ?? cl.caseId, bRef: l.reference, link: l });
        for (const p of l.paths) {
          p.steps.forEach((s, i) => {
            const id = nodeId(s.type, s.id);
            if (!nodes.has(id)) nodes.set(id, { type: s.type, id: s.id, label: stepLabel(s) });
            if (i > 0) {
              const prev = nodeId(p.steps[i - 1].type, p.steps[i - 1].id);
              const ek = `e:${pairKey(prev, id)}`;
              if (!edges.has(ek)) edges.set(ek, { data: { id: ek, source: prev, target: id, rel: p.relationships[i - 1] ?? "" }, classes: "evidence" });
            }
          });
        }
      }
    }
    return { nodes, edges, pairs };
  }, [network, links, i18n.language]);

  useEffect(() => {
    if (!container.current || graph.nodes.size === 0) return;
    const elements: ElementDefinition[] = [
      ...[...graph.nodes.entries()].map(([id, n]) => ({ data: { id, label: n.label }, classes: n.type.toLowerCase() })),
      ...graph.edges.values(),
      ...[...graph.pairs.entries()].map(([key, p]) => ({
        data: { id: `link:${key}`, source: nodeId("Case", p.a), target: nodeId("Case", p.b) }, classes: `caselink ${p.link.decision.toLowerCase()}` })),
    ];
    const instance = cytoscape({
      container: container.current,
      elements,
      layout: { name: "cose", animate: false, fit: true, padding: 30, nodeRepulsion: () => 12000, randomize: false },
      maxZoom: 1.6,
      minZoom: 0.2,
      style: [
        { selector: "node", style: { label: "data(label)", "font-family": "Noto Sans, Noto Sans Arabic, sans-serif", "font-size": 12, color: "#1b2733", "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "ellipsis", "text-max-width": "160px" } },
        { selector: ".case", style: { shape: "ellipse", width: 34, height: 34, "background-color": "#1d4e89" } },
        { selector: ".perpetrator", style: { shape: "diamond", width: 30, height: 30, "background-color": "#b3261e" } },
        { selector: ".identifier", style: { shape: "round-rectangle", width: 24, height: 24, "background-color": "#e07a1f" } },
        { selector: "edge.evidence", style: { width: 2, "line-color": "#9aacbf", "curve-style": "bezier" } },
        { selector: "edge.caselink", style: { width: 2, "line-color": "#5c6f82", "line-style": "dashed", "curve-style": "unbundled-bezier" } },
        { selector: "edge.confirmed", style: { width: 4, "line-color": "#1e6b41", "line-style": "solid" } },
        { selector: "edge.dismissed", style: { width: 1, "line-color": "#c9d1da", "line-style": "dotted" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#f2b705" } },
      ],
    });
    instance.on("tap", "node", (e) => setSelected(e.target.id()));
    cy.current = instance;
    return () => { instance.destroy(); cy.current = null; };
  }, [graph]);

  function select(id: string) {
    setSelected(id);
    const instance = cy.current;
    if (!instance) return;
    instance.elements().unselect();
    instance.getElementById(id).select();
  }

  async function onRecompute() {
    setNotice(null);
    const done = await recompute.run({});
    if (done) {
      setNotice({ key: "crime.recomputed", params: { shown: String(done.recomputeSuspectedNetworks) } });
      nets.reload();
    }
  }

  const node = selected ? graph.nodes.get(selected) : undefined;
  const neighbours = useMemo(() => {
    if (!selected) return [] as string[];
    const out = new Set<string>();
    for (const e of graph.edges.values()) {
      if (e.data.source === selected) out.add(String(e.data.target));
      if (e.data.target === selected) out.add(String(e.data.source));
    }
    for (const p of graph.pairs.values()) {
      if (nodeId("Case", p.a) === selected) out.add(nodeId("Case", p.b));
      if (nodeId("Case", p.b) === selected) out.add(nodeId("Case", p.a));
    }
    return [...out];
  }, [selected, graph]);
  const caseLinksOfSelected = node?.type === "Case"
    ? [...graph.pairs.values()].filter((p) => p.a === node.id || p.b === node.id) : [];
  const netCase = node?.type === "Case" ? network?.cases.find((c) => c.id === node.id) : undefined;

  return (
    <section aria-labelledby="crime-title">
      <div className="title-row">
        <h1 id="crime-title">{t("crime.title")}</h1>
        <button type="button" className="secondary" disabled={recompute.busy} onClick={() => void onRecompute()}>{t("crime.recompute")}</button>
      </div>
      <p className="muted small">
        {t("crime.intro")}{" "}
        {nets.data?.suspectedNetworks.computedAt && t("crime.computedAt", { when: fmtDate(nets.data.suspectedNetworks.computedAt, true) })}
      </p>
      {notice && <Notice>{t(notice.key, { ...notice.params, shown: notice.params.shown ? fmtNumber(Number(notice.params.shown)) : "" })}</Notice>}
      <ErrorBox error={nets.error ?? recompute.error ?? linksError} onRetry={nets.reload} />
      {nets.loading && !nets.data && <Loading />}
      <h2>{t("crime.networks", { count: nets.data?.suspectedNetworks.total ?? 0, shown: fmtNumber(nets.data?.suspectedNetworks.total ?? 0) })}</h2>
      <div className="networks" role="group" aria-label={t("crime.networksList")}>
        {networks.map((n, i) => (
          <button key={n.id} type="button" className="secondary" aria-pressed={n.id === networkId}
            onClick={() => {
              if (n.id === networkId) return; // the shown network stays as it is (its links are not fetched again)
              setNetworkId(n.id); setSelected(null); setLinks(null);
            }}>
            {t("crime.networkButton", { n: fmtNumber(i + 1), size: fmtNumber(n.size) })}
            <span className="small"> · {n.governorates.map((g) => label("governorate", g)).join(", ") || "—"}</span>
          </button>
        ))}
        {nets.data && networks.length === 0 && <p className="muted">{t("crime.noNetworks")}</p>}
      </div>
      {network && (
        <p className="small">
          {t("crime.networkFacts", { size: fmtNumber(network.size), identifiers: fmtNumber(network.sharedIdentifiers),
            perpetrators: fmtNumber(network.sharedPerpetrators), confirmed: fmtNumber(network.confirmedLinks) })}
          {network.latestActivityAt && <> · {t("crime.latest", { when: fmtDate(network.latestActivityAt) })}</>}
        </p>
      )}
      {network && (
        <div className="crime">
          <div>
            <div ref={container} className="crime-graph" role="img" aria-label={t("crime.graphLabel")} />
            <p className="small muted">
              <span className="legend-swatch legend-case" />{t("crime.legendCase")}{" "}
              <span className="legend-swatch legend-perpetrator" />{t("crime.legendPerpetrator")}{" "}
              <span className="legend-swatch legend-identifier" />{t("crime.legendIdentifier")}{" "}
              · {t("crime.legendLinks")}
            </p>
            {!links && !linksError && <Loading />}
          </div>
          <aside className="card crime-side" aria-labelledby="crime-selected">
            <h2 id="crime-selected">{t("net.selected")}</h2>
            {!node && <p className="muted small">{t("crime.pickNode")}</p>}
            {node && (
              <div data-testid="node-details">
                <p>
                  <strong>{node.type === "Case" ? <Ltr>{node.label}</Ltr> : node.label}</strong>{" "}
                  <span className="badge">{t(`crime.type.${node.type}`, { defaultValue: node.type })}</span>
                </p>
                {netCase && (
                  <p className="small">
                    <StatusBadge kind="case" value={netCase.status} text={enumLabel("CaseStatus", netCase.status)} />{" "}
                    {label("governorate", netCase.governorate)} · <Link to={`/cases/${encodeURIComponent(netCase.id)}`}>{t("crime.openCase")}</Link>
                  </p>
                )}
                <h3>{t("crime.neighbours", { count: neighbours.length })}</h3>
                <ul className="plain small">
                  {neighbours.map((id) => {
                    const n = graph.nodes.get(id);
                    return (
                      <li key={id}>
                        <button type="button" className="link" onClick={() => select(id)}>
                          {t(`crime.type.${n?.type ?? "Case"}`)} — {n?.type === "Case" ? <Ltr>{n?.label}</Ltr> : n?.label}
                        </button>
                      </li>
                    );
                  })}
                </ul>
                {caseLinksOfSelected.length > 0 && <h3>{t("crime.caseLinks")}</h3>}
                {caseLinksOfSelected.map((p) => (
                  <LinkDecisionForm key={pairKey(p.a, p.b)} caseId={p.a} otherCaseId={p.b}
                    title={`${p.aRef} ↔ ${p.bRef}`} link={p.link}
                    onDone={(key) => { setNotice({ key, params: { link: `${p.aRef} ↔ ${p.bRef}` } }); setTick((n) => n + 1); nets.reload(); }} />
                ))}
              </div>
            )}
            <details>
              <summary>{t("net.nodeList")}</summary>
              <ul className="plain node-list">
                {[...graph.nodes.entries()].map(([id, n]) => (
                  <li key={id}><button type="button" className="link" onClick={() => select(id)}>{t(`crime.type.${n.type}`)} — {n.label}</button></li>
                ))}
              </ul>
            </details>
          </aside>
        </div>
      )}
    </section>
  );
}

function LinkDecisionForm({ caseId, otherCaseId, title, link, onDone }: {
  caseId: string; otherCaseId: string; title: string; link: LinkedCase; onDone: (messageKey: string) => void;
}) {
  const { t } = useTranslation();
  const confirm = useMutation<unknown>(DECIDE(true));
  const dismiss = useMutation<unknown>(DECIDE(false));
  const [reason, setReason] = useState("");
  const evidence = [...new Set(link.paths.map((p) => p.evidence))];
  async function decide(yes: boolean) {
    const m = yes ? confirm : dismiss;
    if (await m.run({ caseId, otherCaseId, reason })) onDone(yes ? "crime.confirmedDone" : "crime.dismissedDone");
  }
  return (
    <form className="card" onSubmit={(e) => e.preventDefault()} aria-label={t("crime.decideOn", { link: title })} data-link={title}>
      <p><Ltr>{title}</Ltr> <span className={`badge badge-link-${link.decision.toLowerCase()}`}>{enumLabel("LinkDecision", link.decision)}</span></p>
      <p className="small">
        {t("crime.evidence")} : {evidence.map((e) => e === "PERPETRATOR" ? t("crime.type.Perpetrator") : enumLabel("IdentifierKind", e)).join(", ")}
        {" · "}{t("crime.paths", { count: link.pathCount, shown: fmtNumber(link.pathCount) })}
      </p>
      {link.decisionReason && <p className="small">{t("appr.reason")} : {link.decisionReason} ({fmtDate(link.decidedAt, true)})</p>}
      <Field label={t("crime.reason")}>
        <input name="link-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="button" disabled={confirm.busy || dismiss.busy} onClick={() => void decide(true)}>{t("crime.confirm")}</button>
        <button type="button" className="secondary" disabled={confirm.busy || dismiss.busy} onClick={() => void decide(false)}>{t("crime.dismiss")}</button>
      </div>
      <ErrorBox error={confirm.error ?? dismiss.error} />
    </form>
  );
}
