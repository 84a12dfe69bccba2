"""The annual report of the national authority (art. 46 of Law 2016-61): a PDF in French or in Arabic.

Built with fpdf2 as the transmission document is (DejaVu fonts, HarfBuzz shaping, right-to-left for Arabic);
charts are drawn by matplotlib (which shapes Arabic itself) and embedded as vector SVG with text as paths.
Every figure comes through the disclosure control: withheld counts print as « — ».
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib
from babel import Locale
from babel.dates import format_date

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from api.documents.transmission_pdf import FONTS
from api.statistics import labels
from api.statistics.catalogue import TIP_CATEGORIES, Dimension, Measure
from api.statistics.disclosure import ProtectedTable
from api.statistics.exports import PDF_TYPE, Artefact, ExportContext

AUTHORITY = ("Instance nationale de lutte contre la traite des personnes", "الهيئة الوطنية لمكافحة الاتجار بالأشخاص")
REPUBLIC = ("République tunisienne", "الجمهورية التونسية")
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5")
WITHHELD = "—"

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Rapport annuel {year}", "التقرير السنوي {year}"),
    "subtitle": ("Statistiques nationales sur la traite des personnes (article 46 de la loi organique 2016-61)",
                 "الإحصائيات الوطنية حول الاتجار بالأشخاص (الفصل 46 من القانون الأساسي عدد 61 لسنة 2016)"),
    "generated": ("Produit par Himaya le {date}", "أُعدّ بواسطة منظومة حماية بتاريخ {date}"),
    "toc": ("Table des matières", "الفهرس"),
    "s_overview": ("1. Vue d'ensemble", "1. لمحة عامة"),
    "s_forms": ("2. Formes d'exploitation", "2. أشكال الاستغلال"),
    "s_people": ("3. Femmes, hommes et enfants", "3. النساء والرجال والأطفال"),
    "s_nationality": ("4. Nationalités", "4. الجنسيات"),
    "s_territory": ("5. Répartition territoriale", "5. التوزيع الجغرافي"),
    "s_assistance": ("6. Assistance aux victimes", "6. مساعدة الضحايا"),
    "s_justice": ("7. Signalements et suites judiciaires", "7. الإشعارات والمتابعة القضائية"),
    "s_method": ("8. Méthode et protection des données", "8. المنهجية وحماية المعطيات"),
    "victims_year": ("Victimes identifiées par année d'enregistrement", "الضحايا المتعرَّف عليهم حسب سنة التسجيل"),
    "victims_form": ("Victimes identifiées en {year} par forme d'exploitation (catégories TIP)",
                     "الضحايا المتعرَّف عليهم سنة {year} حسب شكل الاستغلال"),
    "victims_group": ("Victimes identifiées en {year} : femmes, hommes, filles, garçons",
                      "الضحايا المتعرَّف عليهم سنة {year}: نساء ورجال وفتيات وفتيان"),
    "victims_nationality": ("Victimes identifiées en {year} par nationalité",
                           "الضحايا المتعرَّف عليهم سنة {year} حسب الجنسية"),
    "victims_governorate": ("Victimes identifiées en {year} par gouvernorat",
                           "الضحايا المتعرَّف عليهم سنة {year} حسب الولاية"),
    "assistance": ("Victimes assistées ou orientées en {year}", "الضحايا الذين تلقوا المساعدة أو وُجّهوا سنة {year}"),
    "referrals": ("Orientations vers les services en {year}, par catégorie",
                 "التوجيهات نحو الخدمات سنة {year} حسب الفئة"),
    "channels": ("Signalements reçus en {year}, par canal", "الإشعارات الواردة سنة {year} حسب القناة"),
    "courts": ("Signalements transmis en {year} : suites judiciaires",
              "الإشعارات المحالة سنة {year}: المتابعة القضائية"),
    "total": ("Total", "المجموع"),
    "count": ("Nombre", "العدد"),
    "category": ("Catégorie", "الفئة"),
    "intro": ("Ce rapport présente les chiffres de la base nationale tenue par l'Instance pour l'année {year}. Les "
              "victimes identifiées sont les personnes dont le dossier a dépassé le stade du signalement (présumée, "
              "identifiée, assistée, ou clôturée après assistance). Une victime dont le dossier relève de plusieurs "
              "formes d'exploitation est comptée sous chacune d'elles.",
              "يعرض هذا التقرير أرقام قاعدة البيانات الوطنية التي تمسكها الهيئة لسنة {year}. الضحايا المتعرَّف عليهم "
              "هم الأشخاص الذين تجاوز ملفهم مرحلة الإشعار (ضحية مفترضة أو متعرَّف عليها أو تلقت المساعدة أو أُغلق ملفها "
              "بعد المساعدة). وتُحتسب الضحية التي يتعلق ملفها بعدة أشكال استغلال ضمن كل شكل منها."),
    "method": ("Protection des personnes : tous les chiffres publiés passent par un contrôle de divulgation. Les "
               "effectifs inférieurs à {k} sont masqués (« — ») et les autres arrondis au multiple de {k} "
               "inférieur ; lorsqu'un total permettrait de retrouver un effectif masqué, un second effectif est "
               "masqué (suppression complémentaire). Les totaux sont arrondis de la même manière et peuvent donc "
               "différer de la somme des lignes. Aucun nom, aucun identifiant et aucune date plus fine que l'année "
               "ne figure dans ce rapport.",
               "حماية الأشخاص: تمرّ جميع الأرقام المنشورة عبر رقابة على الإفصاح. تُحجب الأعداد الأقل من {k} («—») "
               "وتُقرَّب البقية إلى المضاعف الأدنى لـ{k}؛ وإذا أمكن استنتاج عدد محجوب من مجموع ما، يُحجب عدد ثانٍ "
               "(الحجب التكميلي). وتُقرَّب المجاميع بالطريقة نفسها وقد تختلف لذلك عن مجموع الأسطر. ولا يتضمن هذا "
               "التقرير أي اسم أو معرِّف أو تاريخ أدق من السنة."),
    "mapping": ("Correspondance des formes : les formes de la loi 2016-61 sont regroupées selon les catégories du "
                "rapport TIP (exploitation sexuelle → traite à des fins sexuelles ; servitude domestique → "
                "servitude ; formes de travail avec servitude pour dettes → servitude pour dettes ; mariage forcé, "
                "prélèvement d'organes, enrôlement forcé → autre).",
                "مطابقة الأشكال: جُمعت أشكال الاستغلال الواردة في القانون عدد 61 لسنة 2016 حسب فئات تقرير الاتجار "
                "بالأشخاص (الاستغلال الجنسي ← الاتجار لأغراض جنسية؛ الاستعباد المنزلي ← الاستعباد؛ أشكال العمل "
                "المقترنة بعبودية الدين ← عبودية الدين؛ الزواج القسري ونزع الأعضاء والتجنيد القسري ← أخرى)."),
    "withheld_note": ("— : effectif masqué (inférieur à {k} ou suppression complémentaire)",
                      "— : عدد محجوب (أقل من {k} أو حجب تكميلي)"),
}


def t(key: str, language: str, **params: object) -> str:
    text = TEXT[key][0 if language == "fr" else 1]
    return text.format(**params) if params else text


@dataclass(frozen=True)
class ReportData:
    by_year: ProtectedTable
    by_form_group: ProtectedTable
    by_group: ProtectedTable
    by_nationality: ProtectedTable
    by_governorate: ProtectedTable
    assistance: ProtectedTable
    referrals: ProtectedTable
    channels: ProtectedTable
    courts: ProtectedTable


async def gather(context: ExportContext) -> ReportData:
    """Every table of the report (one aggregating statement each), with progress."""
    steps: list[tuple[Measure, list[Dimension], bool]] = [
        (Measure.VICTIMS, [Dimension.YEAR], True),
        (Measure.VICTIMS, [Dimension.TIP_FORM, Dimension.SEX_AND_AGE], False),
        (Measure.VICTIMS, [Dimension.SEX_AND_AGE], False),
        (Measure.VICTIMS, [Dimension.NATIONALITY], False),
        (Measure.VICTIMS, [Dimension.GOVERNORATE], False),
        (Measure.VICTIMS, [Dimension.ASSISTANCE], False),
        (Measure.REFERRALS, [Dimension.SERVICE_CATEGORY], False),
        (Measure.REPORTS, [Dimension.CHANNEL], False),
        (Measure.TRANSMISSIONS, [Dimension.COURT_STATUS], False),
    ]
    tables: list[ProtectedTable] = []
    for i, (measure, dimensions, all_years) in enumerate(steps):
        tables.append(await context.table(measure, dimensions, all_years=all_years))
        await context.progress(5 + 60 * (i + 1) // len(steps))
    return ReportData(*tables)


# ---------------------------------------------------------------------------------------------- charts
def _svg(figure: Any) -> io.BytesIO:
    buffer = io.BytesIO()
    # No <metadata> element: the PDF writer does not read it and warned about it on every chart.
    figure.savefig(buffer, format="svg", bbox_inches="tight",
                   metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    plt.close(figure)
    buffer.seek(0)
    return buffer


def chart_height(items: int, *, horizontal: bool = True) -> float:
    """The height in inches of a bar chart of ``items`` bars (7.2 inches wide)."""
    return min(max(0.9 + 0.32 * items, 2.2), 6.5) if horizontal else 3.0


def chart_mm(items: int, *, horizontal: bool = True, width_mm: float = 174) -> float:
    return width_mm * chart_height(items, horizontal=horizontal) / 7.2 + 6


def bar_chart(items: Sequence[tuple[str, int | None]], title: str, language: str, *,
              horizontal: bool = True, colour: str = COLOURS[0]) -> io.BytesIO:
    """Bars of the published values; a withheld value is drawn as a dash at zero."""
    with plt.rc_context({"svg.fonttype": "path", "font.family": "DejaVu Sans", "font.size": 9}):
        figure, axes = plt.subplots(figsize=(7.2, chart_height(len(items), horizontal=horizontal)))
        names = [name for name, _ in items]
        values = [value or 0 for _, value in items]
        positions = list(range(len(items)))
        if horizontal:
            axes.barh(positions, values, color=colour)
            axes.set_yticks(positions, names)
            axes.invert_yaxis()
            for position, (_, value) in zip(positions, items, strict=True):
                axes.annotate(str(value) if value is not None else WITHHELD, (value or 0, position),
                              xytext=(-3 if language == "ar" else 3, 0), textcoords="offset points", va="center",
                              ha="right" if language == "ar" else "left", fontsize=8)
            if language == "ar":
                axes.invert_xaxis()
                axes.yaxis.tick_right()
            top = max([*values, 1]) * 1.15
            axes.set_xlim(*((top, 0) if language == "ar" else (0, top)))
        else:
            axes.bar(positions, values, color=colour)
            axes.set_xticks(positions, names)
            for position, (_, value) in zip(positions, items, strict=True):
                axes.text(position, value or 0, str(value) if value is not None else WITHHELD, ha="center",
                          va="bottom", fontsize=8)
            axes.set_ylim(0, max([*values, 1]) * 1.15)
            if language == "ar":
                axes.yaxis.tick_right()
        axes.set_title(title, loc="right" if language == "ar" else "left", fontsize=10, fontweight="bold")
        for side in ("top", "right") if language != "ar" else ("top", "left"):
            axes.spines[side].set_visible(False)
        return _svg(figure)


def stacked_chart(table: ProtectedTable, rows: Sequence[str], columns: Sequence[str], title: str,
                  language: str) -> io.BytesIO:
    """Horizontal bars per row key, stacked by column key (withheld parts left out)."""
    with plt.rc_context({"svg.fonttype": "path", "font.family": "DejaVu Sans", "font.size": 9}):
        figure, axes = plt.subplots(figsize=(7.2, 0.9 + 0.34 * len(rows)))
        positions = list(range(len(rows)))
        left = [0] * len(rows)
        for colour, column in zip(COLOURS, columns, strict=False):
            values = []
            for row in rows:
                figure_value = table.cells.get((row, column))
                values.append(figure_value.value or 0 if figure_value is not None else 0)
            axes.barh(positions, values, left=left, color=colour, label=labels.label(column, language))
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(positions, [labels.label(row, language) for row in rows])
        axes.invert_yaxis()
        if language == "ar":
            axes.invert_xaxis()
            axes.yaxis.tick_right()
        axes.legend(loc="lower right" if language != "ar" else "lower left", fontsize=8, frameon=False)
        axes.set_title(title, loc="right" if language == "ar" else "left", fontsize=10, fontweight="bold")
        for side in ("top", "right") if language != "ar" else ("top", "left"):
            axes.spines[side].set_visible(False)
        return _svg(figure)


# ------------------------------------------------------------------------------------------------- PDF
class AnnualReport(FPDF):
    def __init__(self, language: str, year: int) -> None:
        super().__init__(format="A4")
        self.language = language
        self.year = year
        self.rtl = language == "ar"
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(18, 22, 18)
        self.alias_nb_pages("{nb}")
        self.set_title(t("title", language, year=year))
        self.set_author(AUTHORITY[0])
        self.set_creator("Himaya")
        self.set_lang("ar" if self.rtl else "fr")

    def shaping(self, arabic: bool | None = None) -> None:
        if arabic if arabic is not None else self.rtl:
            self.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ar")
        else:
            self.set_text_shaping(use_shaping_engine=True, direction="ltr", script="latn", language="fr")

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.shaping(False)
        self.set_xy(self.l_margin, 9)
        self.cell(self.epw / 2, 4, AUTHORITY[0], align="L")
        self.shaping(True)
        self.cell(self.epw / 2, 4, AUTHORITY[1], align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(31, 78, 121)
        self.line(self.l_margin, 14.5, self.w - self.r_margin, 14.5)
        self.set_text_color(0, 0, 0)
        self.set_y(22)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.shaping(False)  # digits only: the page count is filled in after shaping
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    # text helpers
    def paragraph(self, text: str, *, size: float = 10, bold: bool = False, height: float = 5.2) -> None:
        self.shaping()
        self.set_font("DejaVu", "B" if bold else "", size)
        self.multi_cell(self.epw, height, text, align="R" if self.rtl else "J", new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)

    def section(self, key: str, need: float = 90) -> None:
        """A numbered section (in the outline and the table of contents), kept on the page of what follows it."""
        title = t(key, self.language)
        if self.get_y() + need > self.h - self.b_margin:
            self.add_page()
        self.ln(3)
        self.start_section(title)
        self.set_text_color(31, 78, 121)
        self.paragraph(title, size=14, bold=True, height=8)
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def chart(self, svg: io.BytesIO, height_hint: float = 70) -> None:
        if self.get_y() + height_hint > self.h - self.b_margin:
            self.add_page()
        # SVG text drawn by matplotlib inherits the page's current colours: make them the chart's own (black)
        self.set_fill_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_text_color(0, 0, 0)
        self.image(svg, x=self.l_margin, w=self.epw)
        self.ln(2)

    def grid(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A simple grid; Arabic tables read right to left (first column on the right)."""
        order = list(range(len(header)))
        if self.rtl:
            order.reverse()
        line = 6.2
        if self.get_y() + line * (len(rows) + 1) > self.h - self.b_margin:
            self.add_page()
        self.set_font("DejaVu", "B", 8.5)
        self.set_fill_color(222, 235, 247)
        self.shaping()
        for i in order:
            self.cell(widths[i], line, header[i], border=1, fill=True, align="C")
        self.ln(line)
        self.set_font("DejaVu", "", 8.5)
        for row in rows:
            for i in order:
                align = ("R" if self.rtl else "L") if i == 0 else "C"
                self.cell(widths[i], line, row[i], border=1, align=align)
            self.ln(line)
        self.ln(2)

    def note(self, text: str) -> None:
        self.set_text_color(90, 90, 90)
        self.paragraph(text, size=7.5, height=4)
        self.set_text_color(0, 0, 0)


def _value(figure_value: int | None) -> str:
    # Thousands apart by a no-break space: a separator of class CS keeps "11 840" one number inside Arabic
    # (right-to-left) text, where a plain space split it into two numbers shown in reverse order ("840 11").
    return WITHHELD if figure_value is None else f"{figure_value:,}".replace(",", "\u00a0")


def one_way(table: ProtectedTable, keys: Sequence[str] | None = None) -> list[tuple[str | None, int | None]]:
    """A one-way table's (key, published value): the given keys in order (absent ones are true zeros), or every
    key present, largest first and withheld ones last."""
    present = {key[0]: figure.value for key, figure in table.cells.items()}
    ordered: list[str | None] = list(keys) if keys else sorted(
        present, key=lambda k: (present[k] is None, -(present[k] or 0), k or ""))
    return [(key, present.get(key, 0)) for key in ordered]


def country(code: str | None, language: str) -> str:
    """A country's name in the report's language (CLDR), else its code."""
    if code is None or code == "UNKNOWN":
        return labels.label("UNKNOWN", language)
    return str(Locale(language).territories.get(code, code))


def render_toc(pdf: FPDF, outline: list[Any]) -> None:
    assert isinstance(pdf, AnnualReport)
    pdf.set_xy(pdf.l_margin, 26)
    pdf.set_text_color(31, 78, 121)
    pdf.paragraph(t("toc", pdf.language), size=16, bold=True, height=10)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    for entry in outline:
        pdf.shaping()
        name, page = str(entry.name), str(entry.page_number)
        link = pdf.add_link(page=entry.page_number)
        if pdf.rtl:
            pdf.cell(20, 8, page, align="L", link=link)
            pdf.cell(pdf.epw - 20, 8, name, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.cell(pdf.epw - 20, 8, name, align="L", link=link)
            pdf.cell(20, 8, page, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render(data: ReportData, language: str, year: int, k: int, *, today: dt.date | None = None,
           progress: Callable[[int], None] | None = None) -> bytes:
    today = today or dt.datetime.now(dt.UTC).date()
    pdf = AnnualReport(language, year)
    rtl = language == "ar"
    lang = "ar" if rtl else "fr"
    # cover
    pdf.add_page()
    pdf.set_y(40)
    pdf.shaping(False)
    first, second = (1, 0) if rtl else (0, 1)  # the report's own language first
    pdf.set_font("DejaVu", "", 11)
    for index in (first, second):
        pdf.shaping(index == 1)
        pdf.cell(0, 6, REPUBLIC[index], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    pdf.set_font("DejaVu", "B", 15)
    for index in (first, second):
        pdf.shaping(index == 1)
        pdf.multi_cell(0, 8, AUTHORITY[index], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(31, 78, 121)
    pdf.set_line_width(0.8)
    pdf.line(60, pdf.get_y() + 8, pdf.w - 60, pdf.get_y() + 8)
    pdf.set_line_width(0.2)
    pdf.ln(24)
    pdf.shaping()
    pdf.set_font("DejaVu", "B", 24)
    pdf.set_text_color(31, 78, 121)
    pdf.cell(0, 14, t("title", lang, year=year), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 7, t("subtitle", lang), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(-50)
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(0, 6, t("generated", lang, date=format_date(today, format="long", locale="ar_TN" if rtl else "fr_FR")),
             align="C")
    # table of contents: its page is reserved here and drawn at the end, once the sections' pages are known
    pdf.add_page()
    pdf.insert_toc_placeholder(render_toc, pages=1)

    pdf.section("s_overview")
    pdf.paragraph(t("intro", lang, year=year))
    pdf.ln(2)
    years = one_way(data.by_year)
    years.sort(key=lambda item: item[0] or "")
    pdf.chart(bar_chart([(key or "", value) for key, value in years[-5:]], t("victims_year", lang), lang,
                        horizontal=False), 75)
    if progress:
        progress(75)

    pdf.section("s_forms", need=chart_mm(len(TIP_CATEGORIES)) + 12)
    form_totals = {m.key: m.figure.value for m in data.by_form_group.margins if m.dimension == 0}
    items = [(labels.label(key, lang), form_totals.get(key, 0) if key in form_totals else 0)
             for key in TIP_CATEGORIES]
    pdf.chart(bar_chart(items, t("victims_form", lang, year=year), lang, colour=COLOURS[1]), chart_mm(len(items)))
    groups = ("WOMEN", "MEN", "GIRLS", "BOYS")
    header = [t("category", lang), *(labels.label(g, lang) for g in groups), t("total", lang)]
    rows = []
    for category in TIP_CATEGORIES:
        cells = [data.by_form_group.cells.get((category, g)) for g in groups]
        total = form_totals.get(category, 0) if category in form_totals else 0
        rows.append([labels.label(category, lang),
                     *(_value(c.value) if c is not None else "0" for c in cells), _value(total)])
    pdf.grid(header, rows, [64, 22, 22, 22, 22, 22])
    pdf.note(t("withheld_note", lang, k=k))

    group_items = [(labels.label(key, lang), value) for key, value in
                   one_way(data.by_group, ["WOMEN", "MEN", "GIRLS", "BOYS", "OTHER_OR_UNKNOWN"])]
    pdf.section("s_people", need=chart_mm(len(group_items)) + 12)
    pdf.chart(bar_chart(group_items, t("victims_group", lang, year=year), lang, colour=COLOURS[2]),
              chart_mm(len(group_items)))

    nationality_items = [(country(key, lang), value) for key, value in one_way(data.by_nationality)[:12]]
    pdf.section("s_nationality", need=chart_mm(len(nationality_items)) + 12)
    pdf.chart(bar_chart(nationality_items, t("victims_nationality", lang, year=year), lang, colour=COLOURS[3]),
              chart_mm(len(nationality_items)))

    governorate_items = [(labels.label(key, lang), value) for key, value in one_way(data.by_governorate)[:24]]
    pdf.section("s_territory", need=chart_mm(len(governorate_items)) + 12)
    pdf.chart(bar_chart(governorate_items, t("victims_governorate", lang, year=year), lang, colour=COLOURS[5]),
              chart_mm(len(governorate_items)))
    if progress:
        progress(85)

    pdf.section("s_assistance", need=60)
    assistance = one_way(data.assistance, ["ASSISTED", "REFERRED", "NOT_REFERRED"])
    pdf.grid([t("assistance", lang, year=year), t("count", lang)],
              [[labels.label(key, lang), _value(value)] for key, value in assistance], [130, 44])
    referral_items = [(labels.label(key, lang), value) for key, value in one_way(data.referrals)]
    pdf.chart(bar_chart(referral_items, t("referrals", lang, year=year), lang, colour=COLOURS[4]),
              chart_mm(len(referral_items)))

    pdf.section("s_justice", need=70)
    pdf.grid([t("channels", lang, year=year), t("count", lang)],
              [[labels.label(key, lang), _value(value)] for key, value in
               one_way(data.channels, ["HOTLINE", "PARTNER_APP", "PUBLIC"])], [130, 44])
    pdf.grid([t("courts", lang, year=year), t("count", lang)],
              [[labels.label(key, lang), _value(value)] for key, value in one_way(
                  data.courts, ["AWAITING_FOLLOW_UP", "PRELIMINARY_INQUIRY", "INVESTIGATION_OPENED", "PROSECUTION",
                                "JUDGMENT", "DISMISSED"])], [130, 44])

    pdf.section("s_method", need=60)
    pdf.paragraph(t("method", lang, k=k))
    pdf.ln(2)
    pdf.paragraph(t("mapping", lang))
    return bytes(pdf.output())


async def build_annual_report(context: ExportContext, language: str) -> Artefact:
    await context.progress(2)
    data = await gather(context)
    content = render(data, language, context.year, context.k)
    await context.progress(95)
    return Artefact(content, f"himaya-rapport-annuel-{context.year}-{language}.pdf", PDF_TYPE)
