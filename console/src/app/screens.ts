// The navigation: one module per screen, loaded on demand; each lists the roles that need it. Screens that wait
// on other issues (statistics, strategy, exports, audit, users, trafficking graph) slot in here as they land.
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { Role } from "../api/auth";

export interface Screen {
  path: string;
  label: string;
  roles: Role[];
  component: LazyExoticComponent<ComponentType>;
  nav?: boolean;
}

/** The public certificate check, also reachable signed out (App.tsx). */
export const VERIFY = lazy(() => import("../screens/VerifyCertificate"));

const NATIONAL: Role[] = ["ADMIN", "COORDINATOR"];
const CASEWORK: Role[] = ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT"];

export const SCREENS: Screen[] = [
  { path: "dashboard", label: "nav.dashboard", roles: [...NATIONAL, "ANALYST"], component: lazy(() => import("../screens/Dashboard")) },
  { path: "cases", label: "nav.cases", roles: CASEWORK, component: lazy(() => import("../screens/Cases")) },
  { path: "cases/:id", label: "nav.cases", roles: CASEWORK, component: lazy(() => import("../screens/CasePage")), nav: false },
  { path: "assistance", label: "nav.assistance", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER"], component: lazy(() => import("../screens/FindAssistance")) },
  { path: "referrals", label: "nav.referrals", roles: CASEWORK, component: lazy(() => import("../screens/Referrals")) },
  { path: "reports", label: "nav.reports", roles: NATIONAL, component: lazy(() => import("../screens/Reports")) },
  { path: "reports/:id", label: "nav.reports", roles: NATIONAL, component: lazy(() => import("../screens/ReportPage")), nav: false },
  { path: "transmissions", label: "nav.transmissions", roles: ["JUDICIAL_OFFICER"], component: lazy(() => import("../screens/Transmissions")) },
  { path: "network", label: "nav.network", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT", "JUDICIAL_OFFICER", "ANALYST"], component: lazy(() => import("../screens/Network")) },
  { path: "alerts", label: "nav.alerts", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT", "JUDICIAL_OFFICER"], component: lazy(() => import("../screens/Alerts")) },
  // --- the authority's own work and publication (strategy issue #16, exports #14)
  { path: "strategy", label: "nav.strategy", roles: ["ADMIN", "COORDINATOR", "PARTNER_AGENT", "CASE_WORKER", "ANALYST"], component: lazy(() => import("../screens/Strategy")) },
  { path: "guidelines", label: "nav.guidelines", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT", "ANALYST"], component: lazy(() => import("../screens/Guidelines")) },
  { path: "training", label: "nav.training", roles: ["ADMIN", "COORDINATOR", "PARTNER_AGENT", "ANALYST"], component: lazy(() => import("../screens/Training")) },
  { path: "campaigns", label: "nav.campaigns", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT"], component: lazy(() => import("../screens/Campaigns")) },
  { path: "programmes", label: "nav.programmes", roles: ["ADMIN", "COORDINATOR", "PARTNER_AGENT"], component: lazy(() => import("../screens/Programmes")) },
  { path: "exports", label: "nav.exports", roles: ["ADMIN", "COORDINATOR", "ANALYST"], component: lazy(() => import("../screens/Exports")) },
  { path: "verify", label: "nav.verify", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT", "JUDICIAL_OFFICER", "ANALYST"], component: VERIFY, nav: false },
  // Accounts, oversight and the crime graph (issues 13 and 15): users, audit trail, approvals, link analysis, me.
  { path: "audit", label: "nav.audit", roles: ["ADMIN", "DATA_PROTECTION_OFFICER"], component: lazy(() => import("../screens/AuditTrail")) },
  { path: "approvals", label: "nav.approvals", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER"], component: lazy(() => import("../screens/Approvals")) },
  { path: "crime-graph", label: "nav.crimeGraph", roles: NATIONAL, component: lazy(() => import("../screens/CrimeGraph")) },
  { path: "users", label: "nav.users", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT"], component: lazy(() => import("../screens/Users")) },
  { path: "me", label: "nav.me", roles: ["ADMIN", "COORDINATOR", "CASE_WORKER", "PARTNER_AGENT", "JUDICIAL_OFFICER", "ANALYST", "DATA_PROTECTION_OFFICER"], component: lazy(() => import("../screens/MyAccount")) },
];

export function screensFor(role: Role): Screen[] {
  return SCREENS.filter((screen) => screen.roles.includes(role));
}

export function homeFor(role: Role): string {
  const first = screensFor(role).find((s) => s.nav !== false);
  return first ? `/${first.path}` : "/network";
}
