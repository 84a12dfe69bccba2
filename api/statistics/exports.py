"""The export files: CTDC rows and aggregates, the international questionnaire pack, the research extract.

Every figure goes through the disclosure control (``protected_table``) and every row file through the
k-anonymity check (``api/statistics/anonymity.py``), whoever asked: exports leave the national roles.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

import pycountry
import xlsxwriter

from api.reference.catalogues import catalogue as read_reference
from api.statistics import anonymity, labels
from api.statistics.catalogue import (
    CTDC_FORM_FLAGS,
    HOME_COUNTRY,
    LABOUR_FORMS,
    TIP_CATEGORIES,
    TIP_FORMS,
    Dimension,
    Measure,
    query_constants,
)
from api.statistics.disclosure import ProtectedTable
from api.statistics.rules import Period, period_of, protected_table
from graph.access.scope import Scope
from graph.db import Graph
from graph.statistics import repository

Progress = Callable[[int], Awaitable[None]]


class ExportKind(StrEnum):
    CTDC = "CTDC"
    QUESTIONNAIRE = "QUESTIONNAIRE"
    RESEARCH = "RESEARCH"
    ANNUAL_REPORT = "ANNUAL_REPORT"


@dataclass(frozen=True)
class Artefact:
    content: bytes
    file_name: str
    content_type: str


@dataclass(frozen=True)
class ExportContext:
    graph: Graph
    scope: Scope
    year: int
    k: int
    deadline_days: int
    progress: Progress

    @property
    def period(self) -> Period:
        found = period_of(self.year, None, None)
        assert found is not None
        return found

    async def table(self, measure: Measure, dimensions: list[Dimension], *, all_years: bool = False) -> ProtectedTable:
        return await protected_table(self.graph, self.scope, measure, dimensions, None if all_years else self.period,
                                     k=self.k, deadline_days=self.deadline_days)


ZIP = "application/zip"
PDF_TYPE = "application/pdf"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# ------------------------------------------------------------------------------------------------ CTDC
CTDC_MEANS = ("meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex", "meansFalsePromises",
              "meansDrugsAlcohol", "meansDenyBasicNeeds", "meansExcessiveWorkHours", "meansWithholdDocs")
CTDC_LABOUR = ("typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging",
               "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality",
               "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling",
               "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther")
CTDC_SEX = ("typeOfSexProstitution", "typeOfSexPornography", "typeOfSexRemoteInteractiveServices",
            "typeOfSexPrivateSexualServices")
CTDC_RECRUITER = ("RecruiterRelationIntimatePartner", "RecruiterRelationFriend", "RecruiterRelationFamily",
                  "RecruiterRelationOther")
# The column names of CTDC's 2024 global synthetic data set, in its order.
CTDC_COLUMNS: tuple[str, ...] = (
    "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit",
    "majorityEntry", "citizenship", *CTDC_MEANS, "isForcedLabour", "isSexualExploit", "isOtherExploit",
    *CTDC_LABOUR, *CTDC_SEX, "isAbduction", *CTDC_RECRUITER, "CountryOfExploitation",
)
CTDC_QUASI_IDENTIFIERS = ("yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship")
CTDC_GENDER = {"FEMALE": "Woman", "MALE": "Man", "OTHER": "Trans/Transgender/NonConforming"}
COUNTRY_OF_EXPLOITATION = "TUN"
FLAG = "1"


@cache
def _means_columns() -> dict[str, str]:
    return {str(item["code"]): str(item["ctdc_synthetic_variable"])
            for item in read_reference("means_of_control.json")["items"] if item.get("ctdc_synthetic_variable")}


@cache
def _labour_columns() -> tuple[dict[str, str], dict[str, str]]:
    data = read_reference("exploitation_forms.json")
    by_form = {str(i["code"]): str(i["ctdc_labour_variable"]) for i in data["items"] if i.get("ctdc_labour_variable")}
    by_sector = {str(i["code"]): str(i["ctdc_variable"]) for i in data["labour_sectors"] if i.get("ctdc_variable")}
    return by_form, by_sector


def iso3(alpha2: str | None) -> str:
    if not alpha2:
        return ""
    country = pycountry.countries.get(alpha_2=alpha2)
    return str(country.alpha_3) if country is not None else ""


def ctdc_age(band: str | None) -> str:
    """CTDC writes age bands with a double hyphen: ``0--8`` … ``39--47``, ``48+``."""
    return "" if band is None else band.replace("-", "--")


def ctdc_row(row: dict[str, Any]) -> dict[str, str]:
    out = dict.fromkeys(CTDC_COLUMNS, "")
    out["yearOfRegistration"] = str(row["year"])
    out["Datasource"] = "Case Management"
    out["gender"] = CTDC_GENDER.get(row.get("sex") or "", "")
    out["ageBroad"] = ctdc_age(row.get("band"))
    if row.get("minor") is not None:
        out["majorityStatus"] = out["majorityStatusAtExploit"] = "Minor" if row["minor"] else "Adult"
    out["citizenship"] = iso3(row.get("nationality"))
    for code in row.get("means") or []:
        column = _means_columns().get(code)
        if column:
            out[column] = FLAG
    by_form, by_sector = _labour_columns()
    forms = row.get("forms") or []
    for form in forms:
        out[CTDC_FORM_FLAGS.get(form, "isOtherExploit")] = FLAG
        if form in by_form:
            out[by_form[form]] = FLAG
    if any(form in LABOUR_FORMS for form in forms) and row.get("sector") in by_sector:
        out[by_sector[row["sector"]]] = FLAG
    out["CountryOfExploitation"] = COUNTRY_OF_EXPLOITATION
    return out


def ctdc_ladder() -> list[anonymity.Step]:
    """Generalisation steps, most expendable first: citizenship, then the age band (the majority status stays),
    then gender, then the majority status."""
    def majority(row: anonymity.Row) -> None:
        row["majorityStatus"] = row["majorityStatusAtExploit"] = ""

    return [anonymity.blank("citizenship"), anonymity.blank("ageBroad"), anonymity.blank("gender"), majority]


def protected_rows(table: ProtectedTable) -> list[list[object]]:
    """A table in long form: keys, the published value (blank when withheld)."""
    rows: list[list[object]] = []
    for key, figure in sorted(table.cells.items(), key=lambda item: tuple(p or "" for p in item[0])):
        rows.append([*[part or "" for part in key], "" if figure.value is None else figure.value,
                     "withheld" if figure.withheld else ""])
    return rows


async def build_ctdc(context: ExportContext) -> Artefact:
    await context.progress(5)
    records = await repository.victim_rows(context.graph, context.scope, _row_params(context))
    await context.progress(40)
    rows = [ctdc_row(record) for record in records]
    rows.sort(key=lambda r: tuple(r[c] for c in CTDC_COLUMNS))
    anonymous = anonymity.k_anonymise(rows, CTDC_QUASI_IDENTIFIERS, ctdc_ladder(), context.k)
    await context.progress(60)
    files = {f"ctdc-{context.year}-victims.csv": _csv(CTDC_COLUMNS, [[r[c] for c in CTDC_COLUMNS]
                                                                      for r in anonymous.rows])}
    aggregates: list[list[object]] = []
    for title, dimensions in (("victims by gender and age", [Dimension.SEX_AND_AGE]),
                              ("victims by exploitation (TIP categories)", [Dimension.TIP_FORM]),
                              ("victims by citizenship", [Dimension.NATIONALITY]),
                              ("victims by gender, age and citizenship group",
                               [Dimension.SEX_AND_AGE, Dimension.CITIZENSHIP])):
        table = await context.table(Measure.VICTIMS, dimensions)
        for row in protected_rows(table):
            keys = row[:-2]
            aggregates.append([title, context.year, " / ".join(str(k) for k in keys), row[-2], row[-1],
                               table.rule.value, table.k])
    await context.progress(90)
    files[f"ctdc-{context.year}-aggregates.csv"] = _csv(
        ("table", "yearOfRegistration", "keys", "count", "note", "rule", "k"), aggregates)
    files["README.txt"] = (
        f"CTDC export {context.year}: {len(anonymous.rows)} victim rows (k = {context.k}: every combination of "
        f"{', '.join(CTDC_QUASI_IDENTIFIERS)} appears at least k times; {anonymous.generalised} rows generalised, "
        f"{anonymous.suppressed} suppressed). No identifiers; no date finer than the year. Aggregates: counts "
        f"below k withheld, the rest rounded down to a multiple of k.\n").encode()
    return Artefact(_zip(files), f"himaya-ctdc-{context.year}.zip", ZIP)


def _row_params(context: ExportContext) -> dict[str, Any]:
    params: dict[str, Any] = {"governorate": None, "form": None, "sex": None, "ageBand": None,
                              "nationality": None, "organization": None, **query_constants()}
    params.update(context.period.params())
    return params


# --------------------------------------------------------------------------------------- questionnaire
@dataclass(frozen=True)
class Section:
    key: str
    titles: tuple[str, str, str]  # fr, ar, en
    table: ProtectedTable
    rows: tuple[str, ...] = ()  # the keys listed (zeros included), else those present


def section_grid(section: Section) -> tuple[list[str | None], list[str | None], dict[tuple[str | None, ...], Any]]:
    """Row keys, column keys (None for one-way tables) and the published cells."""
    cells = {key: figure.value for key, figure in section.table.cells.items()}
    row_keys: list[str | None] = list(section.rows) or sorted({key[0] for key in cells}, key=lambda k: k or "")
    for key in cells:
        if key[0] not in row_keys:
            row_keys.append(key[0])
    columns: list[str | None] = sorted({key[1] for key in cells if len(key) > 1}, key=lambda k: k or "")
    return row_keys, columns or [None], cells


async def questionnaire_sections(context: ExportContext) -> list[Section]:
    sections = [
        Section("victims_by_group_and_form", ("Victimes détectées par sexe, âge et forme d'exploitation",
                                              "الضحايا المكتشفون حسب الجنس والسن وشكل الاستغلال",
                                              "Detected victims by sex, age and form of exploitation"),
                await context.table(Measure.VICTIMS, [Dimension.TIP_FORM, Dimension.SEX_AND_AGE]), TIP_CATEGORIES),
        Section("victims_by_group_and_citizenship", ("Victimes détectées par sexe, âge et nationalité",
                                                     "الضحايا المكتشفون حسب الجنس والسن والجنسية",
                                                     "Detected victims by sex, age and citizenship"),
                await context.table(Measure.VICTIMS, [Dimension.NATIONALITY, Dimension.SEX_AND_AGE])),
        Section("victims_assisted", ("Victimes assistées ou orientées", "الضحايا الذين تلقوا المساعدة أو وُجّهوا",
                                     "Victims assisted or referred"),
                await context.table(Measure.VICTIMS, [Dimension.ASSISTANCE]), ("ASSISTED", "REFERRED", "NOT_REFERRED")),
        Section("justice", ("Suites judiciaires des signalements transmis", "المتابعة القضائية للإشعارات المحالة",
                            "Court follow-up of transmitted reports"),
                await context.table(Measure.TRANSMISSIONS, [Dimension.COURT_STATUS]),
                ("AWAITING_FOLLOW_UP", "PRELIMINARY_INQUIRY", "INVESTIGATION_OPENED", "PROSECUTION", "JUDGMENT",
                 "DISMISSED")),
    ]
    return sections


def _cell(value: Any) -> object:
    return "—" if value is None else value


def write_sheet(workbook: Any, name: str, language: str, sections: list[Section], context: ExportContext) -> None:
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True})
    title = workbook.add_format({"bold": True, "font_size": 13})
    note = workbook.add_format({"italic": True, "font_color": "#555555"})
    if language == "ar":
        sheet.right_to_left()
        for fmt in (bold, title, note):
            fmt.set_reading_order(2)
    index = ("fr", "ar", "en").index(language)
    notes = {"fr": f"Année {context.year}. Chiffres protégés : effectifs inférieurs à {context.k} masqués (—), "
                   f"les autres arrondis au multiple de {context.k} inférieur.",
             "ar": f"سنة {context.year}. أرقام محمية: تُحجب الأعداد الأقل من {context.k} (—) وتُقرَّب البقية "
                   f"إلى المضاعف الأدنى لـ{context.k}.",
             "en": f"Year {context.year}. Protected figures: counts below {context.k} withheld (—), the rest "
                   f"rounded down to a multiple of {context.k}."}
    sheet.write(0, 0, notes[language], note)
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 8, 16)
    line = 2
    for section in sections:
        sheet.write(line, 0, section.titles[index], title)
        line += 1
        row_keys, columns, cells = section_grid(section)
        if columns != [None]:
            for j, column in enumerate(columns):
                sheet.write(line, j + 1, labels.label(column, language), bold)
            line += 1
        for row_key in row_keys:
            sheet.write(line, 0, labels.label(row_key, language))
            for j, column in enumerate(columns):
                key = (row_key,) if column is None else (row_key, column)
                value = cells.get(key, 0)
                sheet.write(line, j + 1, _cell(value))
            line += 1
        line += 1


async def build_questionnaire(context: ExportContext) -> Artefact:
    await context.progress(5)
    sections = await questionnaire_sections(context)
    await context.progress(60)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, language in (("UNODC-TIP (en)", "en"), ("ONUDC-TIP (fr)", "fr"), ("الاستبيان (ar)", "ar")):
        write_sheet(workbook, name, language, sections, context)
    workbook.close()
    files = {f"questionnaire-{context.year}.xlsx": buffer.getvalue()}
    for section in sections:
        row_keys, columns, cells = section_grid(section)
        header = ["key", *(c or "count" for c in columns)]
        rows = [[row_key or "", *(_cell(cells.get((row_key,) if c is None else (row_key, c), 0)) for c in columns)]
                for row_key in row_keys]
        files[f"questionnaire-{context.year}-{section.key}.csv"] = _csv(header, rows)
    await context.progress(90)
    return Artefact(_zip(files), f"himaya-questionnaire-{context.year}.zip", ZIP)


# -------------------------------------------------------------------------------------------- research
RESEARCH_QUASI_IDENTIFIERS = ("year", "sex", "ageBand", "citizenship", "region")
# Tunisia's seven economic regions (the research extract never names a governorate).
REGIONS: dict[str, str] = {
    "TN-11": "GRAND_TUNIS", "TN-12": "GRAND_TUNIS", "TN-13": "GRAND_TUNIS", "TN-14": "GRAND_TUNIS",
    "TN-21": "NORTH_EAST", "TN-22": "NORTH_EAST", "TN-23": "NORTH_EAST",
    "TN-31": "NORTH_WEST", "TN-32": "NORTH_WEST", "TN-33": "NORTH_WEST", "TN-34": "NORTH_WEST",
    "TN-51": "CENTRE_EAST", "TN-52": "CENTRE_EAST", "TN-53": "CENTRE_EAST", "TN-61": "CENTRE_EAST",
    "TN-41": "CENTRE_WEST", "TN-42": "CENTRE_WEST", "TN-43": "CENTRE_WEST",
    "TN-81": "SOUTH_EAST", "TN-82": "SOUTH_EAST", "TN-83": "SOUTH_EAST",
    "TN-71": "SOUTH_WEST", "TN-72": "SOUTH_WEST", "TN-73": "SOUTH_WEST",
}
# column → (fr, ar, en) descriptions: the data dictionary.
RESEARCH_DICTIONARY: dict[str, tuple[str, str, str]] = {
    "pseudonym": ("Pseudonyme propre à cet export (aucun lien avec un dossier)", "اسم مستعار خاص بهذا التصدير",
                  "Pseudonym of this export only (no link to any record)"),
    "year": ("Année d'ouverture du dossier", "سنة فتح الملف", "Year the case was opened"),
    "sex": ("Sexe (vide si généralisé)", "الجنس (فارغ عند التعميم)", "Sex (blank when generalised)"),
    "ageBand": ("Tranche d'âge CTDC à l'ouverture, ou MINOR/ADULT si généralisée",
                "الفئة العمرية عند فتح الملف أو قاصر/راشد عند التعميم",
                "CTDC age band at opening, or MINOR/ADULT when generalised"),
    "citizenship": ("Nationalité ISO-3, ou NATIONAL/FOREIGN si généralisée", "الجنسية أو وطني/أجنبي عند التعميم",
                    "ISO-3 citizenship, or NATIONAL/FOREIGN when generalised"),
    "region": ("Région économique (vide si généralisée)", "الإقليم الاقتصادي (فارغ عند التعميم)",
               "Economic region (blank when generalised)"),
    "tipForms": ("Formes d'exploitation (catégories TIP), séparées par |", "أشكال الاستغلال (فئات تقرير الاتجار)",
                 "Forms of exploitation (TIP categories), separated by |"),
    "meansOfControl": ("Moyens de contrôle, séparés par |", "وسائل السيطرة", "Means of control, separated by |"),
    "labourSector": ("Secteur d'activité", "قطاع النشاط", "Labour sector"),
    "caseStatus": ("Statut du dossier", "وضعية الملف", "Case status"),
    "referringActorType": ("Type de l'organisation qui suit le dossier", "نوع الهيكل المتابع للملف",
                           "Kind of organisation handling the case"),
    "referrals": ("Nombre d'orientations", "عدد التوجيهات", "Number of referrals"),
    "serviceCategories": ("Catégories de services sollicités, séparées par |", "فئات الخدمات المطلوبة",
                          "Service categories referred to, separated by |"),
    "assisted": ("1 si au moins une orientation acceptée ou terminée", "1 إذا قُبل توجيه واحد على الأقل",
                 "1 when at least one referral was accepted or completed"),
    "daysToCloseBand": ("Durée jusqu'à la clôture : 0-30, 31-90, 91-180, 181+", "المدة حتى غلق الملف",
                        "Time to closing: 0-30, 31-90, 91-180, 181+"),
}


def _days_band(days: int | None) -> str:
    if days is None:
        return ""
    return "0-30" if days <= 30 else "31-90" if days <= 90 else "91-180" if days <= 180 else "181+"


def research_row(record: dict[str, Any]) -> dict[str, str]:
    means = record.get("means") or []
    tip = sorted({"DEBT_BONDAGE" if f in LABOUR_FORMS and "DEBT_BONDAGE" in means else TIP_FORMS.get(f, "OTHER")
                  for f in record.get("forms") or []}) or ["UNSPECIFIED"]
    return {
        "year": str(record["year"]), "sex": record.get("sex") or "", "ageBand": record.get("band") or "",
        "minor": "MINOR" if record.get("minor") else "ADULT", "citizenship": iso3(record.get("nationality")),
        "nationality": record.get("nationality") or "", "region": REGIONS.get(record.get("gov") or "", ""),
        "tipForms": "|".join(tip), "meansOfControl": "|".join(sorted(means)),
        "labourSector": record.get("sector") or "", "caseStatus": record.get("status") or "",
        "referringActorType": record.get("organizationKind") or "", "referrals": str(record.get("referrals") or 0),
        "serviceCategories": "|".join(sorted(record.get("categories") or [])),
        "assisted": FLAG if record.get("assisted") else "", "daysToCloseBand": _days_band(record.get("daysToClose")),
    }


def research_ladder() -> list[anonymity.Step]:
    def citizenship_group(row: anonymity.Row) -> None:
        if row["citizenship"] not in {"NATIONAL", "FOREIGN", ""}:
            row["citizenship"] = "NATIONAL" if row["nationality"] == HOME_COUNTRY else "FOREIGN"

    def age_group(row: anonymity.Row) -> None:
        row["ageBand"] = row["minor"]

    return [citizenship_group, anonymity.blank("region"), age_group, anonymity.blank("sex"),
            anonymity.blank("citizenship")]


async def build_research(context: ExportContext) -> Artefact:
    await context.progress(5)
    records = await repository.victim_rows(context.graph, context.scope, _row_params(context))
    await context.progress(50)
    rows = [research_row(record) for record in records]
    anonymous = anonymity.k_anonymise(rows, RESEARCH_QUASI_IDENTIFIERS, research_ladder(), context.k)
    shuffled = list(anonymous.rows)
    random.SystemRandom().shuffle(shuffled)  # the order says nothing about the records
    columns = list(RESEARCH_DICTIONARY)
    body = [[f"R{context.year}-{i + 1:06d}", *(row[c] for c in columns[1:])] for i, row in enumerate(shuffled)]
    await context.progress(80)
    dictionary = [[column, *RESEARCH_DICTIONARY[column]] for column in columns]
    files = {
        f"research-{context.year}.csv": _csv(columns, body),
        "data-dictionary.csv": _csv(("column", "fr", "ar", "en"), dictionary),
        "README.txt": (f"Research extract {context.year}: {len(body)} pseudonymised case rows; every combination of "
                       f"{', '.join(RESEARCH_QUASI_IDENTIFIERS)} appears at least {context.k} times "
                       f"({anonymous.generalised} rows generalised, {anonymous.suppressed} suppressed).\n"
                       ).encode(),
    }
    return Artefact(_zip(files), f"himaya-research-{context.year}.zip", ZIP)
