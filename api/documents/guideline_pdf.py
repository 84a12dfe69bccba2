"""Printable documents of the authority's own work: a guideline version (French or Arabic) and a training
certificate (French and Arabic), drawn with the same fonts and shaping as the transmission document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from api.documents.transmission_pdf import FONTS

AUTHORITY = {"fr": "Instance nationale de lutte contre la traite des personnes",
             "ar": "الهيئة الوطنية لمكافحة الاتجار بالأشخاص"}
SECTIONS = {
    "watch_for": {"fr": "Signes à repérer", "ar": "المؤشرات التي يجب رصدها"},
    "what_to_do": {"fr": "Que faire", "ar": "ماذا تفعل"},
    "whom_to_call": {"fr": "Qui appeler", "ar": "بمن تتصل"},
    "do_not": {"fr": "À ne pas faire", "ar": "ما يجب تجنّبه"},
}
LABELS = {
    "version": {"fr": "Version {version} — en vigueur le {date}", "ar": "النسخة {version} — سارية المفعول منذ {date}"},
    "reference": {"fr": "Version de référence", "ar": "النسخة المرجعية"},
    "footer": {"fr": "Document public de l'Instance : à afficher et à distribuer.",
               "ar": "وثيقة عمومية صادرة عن الهيئة: للتعليق والتوزيع."},
}


class _Page:
    """One A4 document writing French left to right and Arabic right to left (shaped)."""

    def __init__(self, title: str) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_title(title)
        self.pdf.set_creator("Himaya")
        self.pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.pdf.set_auto_page_break(auto=True, margin=18)
        self.pdf.add_page()

    def write(self, language: str, text: str, *, bold: bool = False, size: int = 10, align: str | None = None,
              height: float = 5.5) -> None:
        pdf = self.pdf
        if language == "ar":
            pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ar")
        else:
            pdf.set_text_shaping(False)
        pdf.set_font("DejaVu", "B" if bold else "", size)
        chosen = align or ("R" if language == "ar" else "L")
        pdf.multi_cell(pdf.epw, height, text, align=chosen, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def render_guideline(guideline: dict[str, Any], language: str) -> bytes:
    """``guideline``: actorType, version, effectiveDate, title {fr, ar}, and the four lists {fr: [...], ar: [...]}."""
    page = _Page(f"{guideline['actorType']} v{guideline['version']}")
    page.write(language, AUTHORITY[language], bold=True, size=12)
    page.pdf.ln(3)
    page.write(language, guideline["title"][language], bold=True, size=15, height=7)
    if guideline.get("effectiveDate"):
        page.write(language, LABELS["version"][language].format(version=guideline["version"],
                                                                 date=guideline["effectiveDate"]), size=9)
    else:
        page.write(language, f"{LABELS['reference'][language]} ({guideline['version']})", size=9)
    bullet = "• "
    for key, headings in SECTIONS.items():
        items = guideline.get(key, {}).get(language) or []
        if not items:
            continue
        page.pdf.ln(3)
        page.write(language, headings[language], bold=True, size=12, height=6.5)
        for item in items:
            page.write(language, bullet + item)
    page.pdf.ln(5)
    page.write(language, LABELS["footer"][language], size=8)
    return page.output()


def render_certificate(certificate: dict[str, Any], verify_hint: Callable[[str], str] | None = None) -> bytes:
    """``certificate``: name, course {fr, ar}, startDate, endDate, hours, place, code. Both languages on one page."""
    page = _Page(f"Certificate {certificate['code']}")
    page.pdf.set_line_width(0.8)
    page.pdf.rect(8, 8, page.pdf.w - 16, page.pdf.h - 16)
    page.pdf.ln(6)
    page.write("fr", AUTHORITY["fr"], bold=True, size=12, align="C")
    page.write("ar", AUTHORITY["ar"], bold=True, size=12, align="C")
    page.pdf.ln(10)
    page.write("fr", "ATTESTATION DE FORMATION", bold=True, size=20, align="C", height=10)
    page.write("ar", "شهادة تكوين", bold=True, size=20, align="C", height=10)
    page.pdf.ln(8)
    page.write("fr", "Nous attestons que", size=11, align="C")
    page.write("ar", "نشهد بأنّ", size=11, align="C")
    page.pdf.ln(2)
    name = certificate["name"]
    page.write("ar" if any("\u0600" <= ch <= "\u06ff" for ch in name) else "fr", name, bold=True, size=18,
               align="C", height=9)
    page.pdf.ln(4)
    page.write("fr", f"a suivi la formation « {certificate['course']['fr']} »", size=11, align="C")
    page.write("ar", f"تابع(ت) الدورة التكوينية « {certificate['course']['ar']} »", size=11, align="C")
    page.pdf.ln(2)
    page.write("fr", f"du {certificate['startDate']} au {certificate['endDate']} — {certificate['hours']} heures — "
                     f"{certificate['place']}", size=10, align="C")
    page.write("ar", f"من {certificate['startDate']} إلى {certificate['endDate']} — {certificate['hours']} ساعة",
               size=10, align="C")
    page.pdf.ln(14)
    page.write("fr", "Code de vérification", bold=True, size=10, align="C")
    page.write("ar", "رمز التحقق", bold=True, size=10, align="C")
    page.write("fr", certificate["code"], bold=True, size=16, align="C", height=8)
    hint = verify_hint(certificate["code"]) if verify_hint else ""
    page.write("fr", "Vérifiable par quiconque dans Himaya (verifyCertificate)" + (f" : {hint}" if hint else "."),
               size=8, align="C")
    page.write("ar", "يمكن لأيّ كان التحقق منها في منظومة حماية (verifyCertificate).", size=8, align="C")
    return page.output()
