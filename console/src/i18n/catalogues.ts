// Reference labels from the same files the API loads (seed/reference/*.json), bundled at build time.
import categories from "../../../seed/reference/service_categories.json";
import forms from "../../../seed/reference/exploitation_forms.json";
import means from "../../../seed/reference/means_of_control.json";
import governorates from "../../../seed/reference/governorates.json";
import courts from "../../../seed/reference/courts.json";
import indicators from "../../../seed/reference/indicators.json";
import actorTypes from "../../../seed/reference/actor_types.json";

export type Lang = "fr" | "ar" | "en";
type Labelled = { code: string; labels?: Record<Lang, string>; names?: Record<Lang, string> };

function table(items: Labelled[]): Map<string, Record<Lang, string>> {
  return new Map(items.map((item) => [item.code, (item.labels ?? item.names)!]));
}

export const CATALOGUES = {
  category: table(categories.items as Labelled[]),
  exploitationForm: table(forms.items as Labelled[]),
  meansOfControl: table(means.items as Labelled[]),
  governorate: table(governorates.items as Labelled[]),
  court: table(courts.items as Labelled[]),
  indicator: table(indicators.items as Labelled[]),
  actorType: table(actorTypes.items as Labelled[]),
};

export type Catalogue = keyof typeof CATALOGUES;

export function codes(catalogue: Catalogue): string[] {
  return [...CATALOGUES[catalogue].keys()];
}

export const GOVERNORATES = (governorates.items as { code: string; lat: number; lon: number; names: Record<Lang, string> }[]);
