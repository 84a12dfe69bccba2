// Enum labels the API already translates (api/i18n/messages/*.json: perpetrator roles, identifier kinds, route
// stages, risk levels…), taken from those very files at build time so the console and the API never disagree.
// Imported by the screens that need them only (a lazy chunk), not by the first screen.
import i18n from "i18next";
import fr from "../../../api/i18n/messages/fr.json";
import ar from "../../../api/i18n/messages/ar.json";
import en from "../../../api/i18n/messages/en.json";

const FROM_API: Record<string, string> = {
  "perpetrators.role": "PerpetratorRole",
  "perpetrators.kind": "PerpetratorKind",
  "perpetrators.relation": "VictimRelation",
  "identifiers.kind": "IdentifierKind",
  "routes.type": "RouteEventType",
  "witnesses.risk": "RiskLevel",
  "witnesses.role": "ProtectedRole",
};

for (const [lang, texts] of [["fr", fr], ["ar", ar], ["en", en]] as const) {
  for (const [key, text] of Object.entries(texts as unknown as Record<string, unknown>)) {
    if (typeof text !== "string") continue;
    const cut = key.lastIndexOf(".");
    const enumName = FROM_API[key.slice(0, cut)];
    if (enumName) i18n.addResource(lang, "translation", `enum.${enumName}.${key.slice(cut + 1)}`, text);
  }
}

export const API_ENUMS = Object.values(FROM_API);
