"""Names of the statistics' keys in French, Arabic and English, for exports and the annual report."""

from __future__ import annotations

from functools import cache

from api.reference.catalogues import catalogue as read_reference

Labels = dict[str, tuple[str, str, str]]  # key → (fr, ar, en)
LANGUAGES = ("fr", "ar", "en")

TIP_LABELS: Labels = {
    "SEX_TRAFFICKING": ("Traite à des fins sexuelles", "الاتجار لأغراض جنسية", "Sex trafficking"),
    "FORCED_LABOUR": ("Travail forcé", "العمل القسري", "Forced labour"),
    "FORCED_CRIMINALITY": ("Criminalité forcée", "الإجبار على الإجرام", "Forced criminality"),
    "DEBT_BONDAGE": ("Servitude pour dettes", "عبودية الدين", "Debt bondage"),
    "SLAVERY_LIKE_PRACTICES": ("Pratiques analogues à l'esclavage", "الممارسات الشبيهة بالرق",
                               "Slavery-like practices"),
    "SERVITUDE": ("Servitude", "الاستعباد", "Servitude"),
    "FORCED_BEGGING": ("Mendicité forcée", "التسول القسري", "Forced begging"),
    "ILLEGAL_ADOPTION": ("Adoption illégale", "التبني غير القانوني", "Illegal adoption"),
    "OTHER": ("Autre", "أخرى", "Other"),
    "UNSPECIFIED": ("Non précisé", "غير محدد", "Unspecified"),
}
GROUP_LABELS: Labels = {
    "WOMEN": ("Femmes", "نساء", "Women"), "MEN": ("Hommes", "رجال", "Men"), "GIRLS": ("Filles", "فتيات", "Girls"),
    "BOYS": ("Garçons", "فتيان", "Boys"), "OTHER_OR_UNKNOWN": ("Autre ou inconnu", "آخر أو غير معروف",
                                                             "Other or unknown"),
    "NATIONAL": ("Tunisiens", "تونسيون", "Tunisian nationals"), "FOREIGN": ("Étrangers", "أجانب",
                                                                          "Foreign nationals"),
    "UNKNOWN": ("Inconnu", "غير معروف", "Unknown"), "FEMALE": ("Femme", "أنثى", "Female"),
    "MALE": ("Homme", "ذكر", "Male"), "MINOR": ("Mineur", "قاصر", "Minor"), "ADULT": ("Majeur", "راشد", "Adult"),
}
STATUS_LABELS: Labels = {
    "PRELIMINARY_INQUIRY": ("Enquête préliminaire", "بحث أولي", "Preliminary inquiry"),
    "INVESTIGATION_OPENED": ("Instruction ouverte", "فتح تحقيق", "Investigation opened"),
    "PROSECUTION": ("Poursuites", "تتبعات", "Prosecution"),
    "JUDGMENT": ("Jugement", "حكم", "Judgment"),
    "DISMISSED": ("Classement", "حفظ", "Dismissed"),
    "AWAITING_FOLLOW_UP": ("En attente de suivi", "في انتظار المتابعة", "Awaiting follow-up"),
    "HOTLINE": ("Numéro vert", "الرقم الأخضر", "Hotline"),
    "PARTNER_APP": ("Application partenaire", "تطبيق الشركاء", "Partner app"),
    "PUBLIC": ("Formulaire public", "الاستمارة العمومية", "Public form"),
    "COMPLETED": ("Terminée", "منجزة", "Completed"), "DECLINED": ("Refusée", "مرفوضة", "Declined"),
    "CANCELLED": ("Annulée", "ملغاة", "Cancelled"), "ACCEPTED": ("Acceptée", "مقبولة", "Accepted"),
    "PENDING": ("En attente", "في الانتظار", "Pending"),
    "ASSISTED": ("Assistées", "تلقين المساعدة", "Assisted"), "REFERRED": ("Orientées", "موجّهات", "Referred"),
    "NOT_REFERRED": ("Non orientées", "غير موجّهات", "Not referred"),
}


def _reference(file_name: str, key: str = "items") -> Labels:
    labels: Labels = {}
    for item in read_reference(file_name)[key]:
        names = item.get("labels") or item.get("names") or {}
        labels[str(item["code"])] = (str(names.get("fr", item["code"])), str(names.get("ar", item["code"])),
                                     str(names.get("en", item["code"])))
    return labels


@cache
def all_labels() -> Labels:
    labels: Labels = {}
    for file_name in ("exploitation_forms.json", "means_of_control.json", "service_categories.json",
                      "governorates.json", "courts.json"):
        labels.update(_reference(file_name))
    labels.update(_reference("exploitation_forms.json", "labour_sectors"))
    labels.update(TIP_LABELS)
    labels.update(GROUP_LABELS)
    labels.update(STATUS_LABELS)
    return labels


def label(key: str | None, language: str) -> str:
    """The name of a key in ``language`` (fr, ar or en); a country code or unknown key stays as it is."""
    if key is None:
        return "—"
    found = all_labels().get(key)
    if found is None:
        return key
    return found[LANGUAGES.index(language)]
