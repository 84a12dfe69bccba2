"""The printable transmission document (French and Arabic), built only from the package as sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from api.i18n import Language, translate

FONTS = Path(__file__).resolve().parent / "fonts"

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "REFERENCE": ("Référence du signalement", "مرجع الإشعار"),
    "RECEIVED_AT": ("Reçu le", "تاريخ الاستلام"),
    "GOVERNORATE": ("Gouvernorat", "الولاية"),
    "PLACE": ("Lieu", "المكان"),
    "OCCURRED_ON": ("Date des faits", "تاريخ الوقائع"),
    "EXPLOITATION_FORMS": ("Formes d'exploitation suspectées", "أشكال الاستغلال المشتبه بها"),
    "INDICATORS": ("Indicateurs observés", "المؤشرات الملاحظة"),
    "PERSONS_AT_RISK": ("Personnes en danger", "الأشخاص المعرضون للخطر"),
    "MINORS_INVOLVED": ("Mineurs concernés", "وجود قصّر"),
    "URGENCY": ("Urgence", "درجة الاستعجال"),
    "NARRATIVE": ("Récit des faits", "سرد الوقائع"),
    "LINKED_CASE_REFERENCE": ("Dossier lié", "الملف المرتبط"),
    "REPORTER_CONTACT": ("Coordonnées du signalant (avec son accord)", "بيانات المبلّغ (بموافقته)"),
    "PERPETRATORS": ("Auteurs présumés", "المشتبه بهم"),
    "IDENTIFIERS": ("Identifiants (téléphones, comptes, plaques, références)",
                    "المعرّفات (هواتف، حسابات، لوحات، مراجع)"),
    "ROUTE": ("Itinéraire de la traite", "مسار الاتجار"),
    "PROTECTED_PERSONS": ("Témoins et lanceurs d'alerte protégés", "الشهود والمبلّغون المحميون"),
    # a suspected network sent as one package
    "NETWORK": ("Réseau présumé", "الشبكة المشتبه بها"),
    "GOVERNORATES": ("Gouvernorats concernés", "الولايات المعنية"),
    "CASES": ("Dossiers du réseau", "ملفات الشبكة"),
    "CASE_LINKS": ("Liens confirmés entre dossiers", "الروابط المؤكدة بين الملفات"),
}


def _label(key: str, language: Language) -> str:
    """A code as words in the language (the i18n catalogue); the code itself when the catalogue has none."""
    text = translate(key, language)
    return key.rsplit(".", 1)[-1] if text == translate("error.internal", language) else text


def _item_line(field: str, item: dict[str, Any], language: Language) -> str:
    """One perpetrator, identifier, route event or protected person, with translated labels instead of codes."""
    parts: list[str] = []
    if field == "PERPETRATORS":
        parts = [_label(f"perpetrators.role.{item['role']}", language),
                 _label(f"perpetrators.kind.{item['kind']}", language), item.get("alias") or "",
                 item.get("fullName") or "", item.get("otherNames") or "",
                 item.get("documentNumber") or item.get("registrationNumber") or "",
                 _label(f"perpetrators.relation.{item['victimRelation']}", language)
                 if item.get("victimRelation") else "", item.get("nationality") or ""]
    elif field == "IDENTIFIERS":
        parts = [_label(f"identifiers.kind.{item['kind']}", language), item.get("platform") or "",
                 item.get("value") or "—"]
    elif field == "ROUTE":
        parts = [_label(f"routes.type.{item['type']}", language), item.get("country") or "",
                 item.get("governorate") or "", item.get("place") or "", item.get("occurredOn") or ""]
    elif field == "NETWORK":
        parts = ([f"{item['cases']} dossiers", f"{item['confirmedLinks']} lien(s) confirmé(s)"]
                 if language is Language.FR else
                 [f"عدد الملفات: {item['cases']}", f"الروابط المؤكدة: {item['confirmedLinks']}"])
    elif field == "CASES":
        labels = item.get("formLabels") or {}
        forms = ", ".join(labels.get(f, {}).get(language.value, f) for f in item.get("exploitationForms") or [])
        parts = [item.get("reference") or "", item.get("governorate") or "", item.get("openedOn") or "", forms]
    elif field == "CASE_LINKS":
        parts = [f"{item.get('first')} ↔ {item.get('second')}", item.get("reason") or ""]
    elif field == "PROTECTED_PERSONS":
        parts = [_label(f"witnesses.role.{item['role']}", language), item.get("alias") or "",
                 _label(f"witnesses.risk.{item['riskLevel']}", language) if item.get("riskLevel") else "",
                 _label("witnesses.identity_withheld", language) if item.get("identityWithheld")
                 else item.get("fullName") or ""]
    if item.get("cases") and field in ("PERPETRATORS", "IDENTIFIERS", "ROUTE"):
        parts.append("(" + ", ".join(item["cases"]) + ")")  # which of a network's cases it comes from
    return " — ".join(part for part in parts if part)


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui / نعم" if value else "non / لا"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def render_network_transmission(package: dict[str, Any], content_hash: str, transmission_id: str) -> bytes:
    """A suspected network's package: the same document, titled for the network."""
    return render_transmission(package, content_hash, transmission_id, title="Réseau présumé")


def render_transmission(package: dict[str, Any], content_hash: str, transmission_id: str, *,
                        title: str | None = None) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(title or f"Transmission {package['fields'].get('REFERENCE', '')}")
    pdf.set_creator("Himaya")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def latin(text: str, *, bold: bool = False, size: int = 10) -> None:
        pdf.set_text_shaping(False)
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.multi_cell(width, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def arabic(text: str, *, bold: bool = False, size: int = 10) -> None:
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ar")
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.multi_cell(width, 5.5, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    latin("Instance nationale de lutte contre la traite des personnes", bold=True, size=12)
    arabic("الهيئة الوطنية لمكافحة الاتجار بالأشخاص", bold=True, size=12)
    pdf.ln(2)
    latin(f"Transmission au {package.get('courtName') or package.get('court')}", bold=True)
    if package.get("courtNameAr"):
        arabic(f"إحالة إلى {package['courtNameAr']}", bold=True)
    latin(f"Identifiant de transmission : {transmission_id}", size=8)
    pdf.ln(3)

    for field, value in package["fields"].items():
        label_fr, label_ar = FIELD_LABELS.get(field, (field, field))
        latin(label_fr, bold=True, size=9)
        arabic(label_ar, bold=True, size=9)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                latin(_item_line(field, item, Language.FR))
                arabic(_item_line(field, item, Language.AR))
            pdf.ln(1.5)
            continue
        rendered = _text(value)
        if any("\u0600" <= ch <= "\u06ff" for ch in rendered):
            arabic(rendered)
        else:
            latin(rendered)
        pdf.ln(1.5)

    pdf.ln(4)
    latin("Empreinte du contenu (SHA-256) — à vérifier dans Himaya :", bold=True, size=9)
    arabic("بصمة المحتوى (SHA-256) — للتحقق منها في منظومة حماية", bold=True, size=9)
    latin(content_hash, size=9)
    latin("Document confidentiel : ne contient que les éléments choisis pour cette transmission.", size=8)
    arabic("وثيقة سرية: لا تتضمن إلا العناصر المختارة لهذه الإحالة.", size=8)
    return bytes(pdf.output())
