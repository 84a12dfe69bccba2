"""The message catalogue: one key per user-facing sentence, each in fr, ar and en."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.internal": {
        "fr": "Une erreur interne est survenue. Réessayez plus tard.",
        "ar": "حدث خطأ داخلي. يرجى المحاولة لاحقًا.",
        "en": "An internal error occurred. Please try again later.",
    },
    "error.unavailable": {
        "fr": "Le service est momentanément indisponible. Réessayez dans un instant.",
        "ar": "الخدمة غير متاحة مؤقتًا. يرجى المحاولة بعد قليل.",
        "en": "The service is temporarily unavailable. Please try again shortly.",
    },
    "error.not_found": {
        "fr": "Élément introuvable.",
        "ar": "العنصر غير موجود.",
        "en": "Not found.",
    },
    "error.bad_input": {
        "fr": "Données invalides : {detail}",
        "ar": "بيانات غير صالحة: {detail}",
        "en": "Invalid input: {detail}",
    },
    "error.invalid_id": {
        "fr": "Identifiant invalide.",
        "ar": "معرّف غير صالح.",
        "en": "Invalid identifier.",
    },
    "error.page_too_large": {
        "fr": "Page trop grande : {maximum} éléments au plus.",
        "ar": "الصفحة كبيرة جدًا: {maximum} عنصرًا كحد أقصى.",
        "en": "Page too large: at most {maximum} items.",
    },
    "error.conflict": {
        "fr": "Conflit : {detail}",
        "ar": "تعارض: {detail}",
        "en": "Conflict: {detail}",
    },
    "error.forbidden": {
        "fr": "Action non autorisée.",
        "ar": "إجراء غير مسموح به.",
        "en": "You are not allowed to do this.",
    },
    "error.unauthenticated": {
        "fr": "Veuillez vous identifier.",
        "ar": "يرجى تسجيل الدخول.",
        "en": "Please sign in.",
    },
    "error.query_rejected": {
        "fr": "Requête refusée : {detail}",
        "ar": "تم رفض الطلب: {detail}",
        "en": "Query rejected: {detail}",
    },
}
