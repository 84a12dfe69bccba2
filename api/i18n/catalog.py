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
    "auth.invalid_credentials": {
        "fr": "Identifiant ou mot de passe incorrect.",
        "ar": "اسم المستخدم أو كلمة المرور غير صحيحة.",
        "en": "Incorrect username or password.",
    },
    "auth.otp_required": {
        "fr": "Saisissez le code à usage unique de votre application d'authentification.",
        "ar": "أدخل رمز الاستخدام الواحد من تطبيق المصادقة.",
        "en": "Enter the one-time code from your authenticator app.",
    },
    "auth.otp_already_used": {
        "fr": "Ce code à usage unique a déjà été utilisé. Attendez le code suivant de votre application.",
        "ar": "تم استخدام رمز الاستخدام الواحد هذا مسبقًا. انتظر الرمز التالي في تطبيق المصادقة.",
        "en": "This one-time code has already been used. Wait for the next code from your authenticator app.",
    },
    "auth.rate_limited": {
        "fr": "Trop de tentatives. Réessayez dans {seconds} secondes.",
        "ar": "محاولات كثيرة جدًا. أعد المحاولة بعد {seconds} ثانية.",
        "en": "Too many attempts. Try again in {seconds} seconds.",
    },
    "auth.invalid_username": {
        "fr": "Identifiant invalide : 3 à 64 caractères parmi lettres, chiffres, « . », « _ » et « - ».",
        "ar": "اسم المستخدم غير صالح: من 3 إلى 64 حرفًا من الحروف والأرقام و« . » و« _ » و« - ».",
        "en": "Invalid username: 3 to 64 letters, digits, '.', '_' or '-'.",
    },
    "auth.password_too_short": {
        "fr": "Le mot de passe doit contenir au moins {minimum} caractères.",
        "ar": "يجب أن تحتوي كلمة المرور على {minimum} حرفًا على الأقل.",
        "en": "The password must be at least {minimum} characters long.",
    },
    "auth.password_too_long": {
        "fr": "Le mot de passe doit contenir au plus {maximum} caractères.",
        "ar": "يجب ألا تتجاوز كلمة المرور {maximum} حرفًا.",
        "en": "The password must be at most {maximum} characters long.",
    },
    "auth.password_contains_username": {
        "fr": "Le mot de passe ne doit pas contenir l'identifiant.",
        "ar": "يجب ألا تحتوي كلمة المرور على اسم المستخدم.",
        "en": "The password must not contain the username.",
    },
    "auth.unknown_organization": {
        "fr": "Organisation inconnue.",
        "ar": "جهة غير معروفة.",
        "en": "Unknown organization.",
    },
    "network.field_required": {
        "fr": "Champ obligatoire : {field}.",
        "ar": "حقل إلزامي: {field}.",
        "en": "Required field: {field}.",
    },
    "network.field_too_long": {
        "fr": "Champ trop long : {field} ({maximum} au plus).",
        "ar": "الحقل طويل جدًا: {field} ({maximum} كحد أقصى).",
        "en": "Field too long: {field} (at most {maximum}).",
    },
    "network.organization_code_invalid": {
        "fr": "Code d'organisation invalide : 2 à 30 majuscules, chiffres ou tirets, commençant par une lettre.",
        "ar": "رمز الجهة غير صالح: من 2 إلى 30 حرفًا لاتينيًا كبيرًا أو رقمًا أو شرطة، يبدأ بحرف.",
        "en": "Invalid organization code: 2 to 30 capital letters, digits or hyphens, starting with a letter.",
    },
    "network.invalid_email": {
        "fr": "Adresse e-mail invalide.",
        "ar": "عنوان البريد الإلكتروني غير صالح.",
        "en": "Invalid email address.",
    },
    "network.invalid_phone": {
        "fr": "Numéro de téléphone invalide.",
        "ar": "رقم الهاتف غير صالح.",
        "en": "Invalid phone number.",
    },
    "network.organization_code_taken": {
        "fr": "Le code {organization} est déjà utilisé par une autre organisation.",
        "ar": "الرمز {organization} مستعمل من قبل جهة أخرى.",
        "en": "The code {organization} is already used by another organization.",
    },
    "network.unknown_governorate": {
        "fr": "Gouvernorat inconnu.",
        "ar": "ولاية غير معروفة.",
        "en": "Unknown governorate.",
    },
    "network.partnership_with_itself": {
        "fr": "Une organisation ne peut pas être partenaire d'elle-même.",
        "ar": "لا يمكن لجهة أن تكون شريكة لنفسها.",
        "en": "An organization cannot partner with itself.",
    },
    "network.date_in_future": {
        "fr": "La date {field} ne peut pas être dans le futur.",
        "ar": "لا يمكن أن يكون التاريخ {field} في المستقبل.",
        "en": "The date {field} cannot be in the future.",
    },
    "network.already_partners": {
        "fr": "Ces organisations sont déjà partenaires.",
        "ar": "هاتان الجهتان شريكتان بالفعل.",
        "en": "These organizations are already partners.",
    },
    "network.age_range": {
        "fr": "Tranche d'âge invalide : entre 0 et 120 ans, minimum inférieur ou égal au maximum.",
        "ar": "الفئة العمرية غير صالحة: بين 0 و120 سنة، والحد الأدنى لا يتجاوز الحد الأقصى.",
        "en": "Invalid age range: between 0 and 120, minimum not above maximum.",
    },
    "network.invalid_coordinates": {
        "fr": "Coordonnées invalides.",
        "ar": "إحداثيات غير صالحة.",
        "en": "Invalid coordinates.",
    },
    "network.capacity_maximum_range": {
        "fr": "La capacité maximale doit être comprise entre 0 et {maximum}.",
        "ar": "يجب أن تكون الطاقة القصوى بين 0 و{maximum}.",
        "en": "The maximum capacity must be between 0 and {maximum}.",
    },
    "network.invalid_country": {
        "fr": "Code pays invalide dans {field} (ISO 3166-1 alpha-2, ex. TN).",
        "ar": "رمز بلد غير صالح في {field} (ISO 3166-1 alpha-2، مثل TN).",
        "en": "Invalid country code in {field} (ISO 3166-1 alpha-2, e.g. TN).",
    },
    "network.nationalities_overlap": {
        "fr": "Une nationalité ne peut pas être à la fois seule admise et exclue.",
        "ar": "لا يمكن أن تكون جنسية مقبولة حصريًا ومستثناة في آن واحد.",
        "en": "A nationality cannot be both the only one accepted and excluded.",
    },
    "network.invalid_exploitation_form": {
        "fr": "Forme d'exploitation inconnue dans {field}.",
        "ar": "شكل استغلال غير معروف في {field}.",
        "en": "Unknown form of exploitation in {field}.",
    },
    "network.invalid_language": {
        "fr": "Code de langue invalide dans {field} (ISO 639-1, ex. ar).",
        "ar": "رمز لغة غير صالح في {field} (ISO 639-1، مثل ar).",
        "en": "Invalid language code in {field} (ISO 639-1, e.g. ar).",
    },
    "network.capacity_negative": {
        "fr": "La capacité disponible ne peut pas être négative.",
        "ar": "لا يمكن أن تكون الطاقة المتاحة سالبة.",
        "en": "Available capacity cannot be negative.",
    },
    "network.capacity_above_maximum": {
        "fr": "La capacité disponible ne peut pas dépasser le maximum ({maximum}).",
        "ar": "لا يمكن أن تتجاوز الطاقة المتاحة الحد الأقصى ({maximum}).",
        "en": "Available capacity cannot exceed the maximum ({maximum}).",
    },
    # ----- casework (victims, cases, consents, referrals, finding assistance) -----
    "casework.field_required": {
        "fr": "Le champ « {field} » est obligatoire.",
        "ar": "الحقل «{field}» إلزامي.",
        "en": "The field “{field}” is required.",
    },
    "casework.field_too_long": {
        "fr": "Le champ « {field} » est trop long ({maximum} au plus).",
        "ar": "الحقل «{field}» طويل جدًا (الحد الأقصى {maximum}).",
        "en": "The field “{field}” is too long (at most {maximum}).",
    },
    "casework.invalid_value": {
        "fr": "Valeur invalide pour « {field} ».",
        "ar": "قيمة غير صالحة للحقل «{field}».",
        "en": "Invalid value for “{field}”.",
    },
    "casework.invalid_age_band": {
        "fr": "Tranche d'âge invalide : écrivez par exemple « 18-24 » ou « 60+ ».",
        "ar": "الفئة العمرية غير صالحة: اكتب مثلًا «18-24» أو «60+».",
        "en": "Invalid age band: write for example “18-24” or “60+”.",
    },
    "casework.invalid_birth_year": {
        "fr": "Année de naissance invalide.",
        "ar": "سنة الميلاد غير صالحة.",
        "en": "Invalid birth year.",
    },
    "casework.minor_mismatch": {
        "fr": "D'après son âge, la personne est mineure.",
        "ar": "حسب العمر، الشخص قاصر.",
        "en": "According to the age given, this person is a minor.",
    },
    "casework.invalid_country": {
        "fr": "Nationalité inconnue : utilisez un code pays à deux lettres (ex. TN).",
        "ar": "جنسية غير معروفة: استعمل رمز البلد المكوّن من حرفين (مثل TN).",
        "en": "Unknown nationality: use a two-letter country code (e.g. TN).",
    },
    "casework.invalid_language": {
        "fr": "Langue inconnue : utilisez un code de langue à deux lettres (ex. ar).",
        "ar": "لغة غير معروفة: استعمل رمز اللغة المكوّن من حرفين (مثل ar).",
        "en": "Unknown language: use a two-letter language code (e.g. ar).",
    },
    "casework.unknown_code": {
        "fr": "Code inconnu dans « {field} ».",
        "ar": "رمز غير معروف في «{field}».",
        "en": "Unknown code in “{field}”.",
    },
    "casework.unknown_governorate": {
        "fr": "Gouvernorat inconnu.",
        "ar": "ولاية غير معروفة.",
        "en": "Unknown governorate.",
    },
    "casework.no_organization": {
        "fr": "Votre compte n'est rattaché à aucune organisation.",
        "ar": "حسابك غير مرتبط بأي هيكل.",
        "en": "Your account is not attached to an organisation.",
    },
    "casework.reason_required": {
        "fr": "Indiquez le motif.",
        "ar": "يرجى ذكر السبب.",
        "en": "Please give the reason.",
    },
    "casework.case_transition": {
        "fr": "Le dossier ne peut pas passer de l'état {current} à l'état {target}.",
        "ar": "لا يمكن نقل الملف من الحالة {current} إلى الحالة {target}.",
        "en": "The case cannot move from {current} to {target}.",
    },
    "casework.assignee_not_member": {
        "fr": "Cette personne n'est pas membre de l'organisation qui suit le dossier.",
        "ar": "هذا الشخص ليس عضوًا في الهيكل الذي يتابع الملف.",
        "en": "This person is not a member of the organisation handling the case.",
    },
    "casework.expiry_in_past": {
        "fr": "La date d'expiration doit être dans le futur.",
        "ar": "يجب أن يكون تاريخ الانتهاء في المستقبل.",
        "en": "The expiry date must be in the future.",
    },
    "casework.consent_already_revoked": {
        "fr": "Ce consentement a déjà été retiré.",
        "ar": "تم سحب هذه الموافقة من قبل.",
        "en": "This consent was already revoked.",
    },
    "casework.case_closed": {
        "fr": "Le dossier est clôturé.",
        "ar": "الملف مغلق.",
        "en": "The case is closed.",
    },
    "casework.service_inactive": {
        "fr": "Ce service n'accueille personne en ce moment.",
        "ar": "هذه الخدمة لا تستقبل أحدًا حاليًا.",
        "en": "This service is not taking anyone at the moment.",
    },
    "casework.referral_duplicate": {
        "fr": "Une orientation vers ce service est déjà en cours pour ce dossier.",
        "ar": "توجد إحالة جارية إلى هذه الخدمة لهذا الملف.",
        "en": "A referral to this service is already open for this case.",
    },
    "casework.referral_transition": {
        "fr": "L'orientation ne peut pas passer de l'état {current} à l'état {target}.",
        "ar": "لا يمكن نقل الإحالة من الحالة {current} إلى الحالة {target}.",
        "en": "The referral cannot move from {current} to {target}.",
    },
    "casework.no_capacity": {
        "fr": "Plus de place disponible dans ce service.",
        "ar": "لم يعد هناك مكان متاح في هذه الخدمة.",
        "en": "No capacity left in this service.",
    },
    "casework.decline_reason_required": {
        "fr": "Indiquez pourquoi l'orientation est refusée.",
        "ar": "يرجى ذكر سبب رفض الإحالة.",
        "en": "Please say why the referral is declined.",
    },
    "casework.categories_required": {
        "fr": "Choisissez au moins une catégorie de service.",
        "ar": "اختر صنفًا واحدًا على الأقل من الخدمات.",
        "en": "Choose at least one service category.",
    },
    "casework.sex.FEMALE": {"fr": "les femmes", "ar": "النساء", "en": "women"},
    "casework.sex.MALE": {"fr": "les hommes", "ar": "الرجال", "en": "men"},
    "casework.sex.OTHER": {"fr": "les personnes d'autre sexe", "ar": "الأشخاص من جنس آخر", "en": "people of other sex"},
    "casework.sex.UNKNOWN": {"fr": "les personnes de sexe inconnu", "ar": "الأشخاص مجهولي الجنس",
                             "en": "people of unknown sex"},
    "assistance.reason.same_governorate": {
        "fr": "Situé dans le gouvernorat de {governorate}",
        "ar": "يقع في ولاية {governorate}",
        "en": "Located in {governorate}",
    },
    "assistance.reason.covers": {
        "fr": "Intervient dans le gouvernorat de {governorate}",
        "ar": "يغطي ولاية {governorate}",
        "en": "Serves {governorate}",
    },
    "assistance.reason.adjacent": {
        "fr": "Dans le gouvernorat voisin de {governorate}",
        "ar": "في ولاية {governorate} المجاورة",
        "en": "In the neighbouring governorate of {governorate}",
    },
    "assistance.reason.distance": {
        "fr": "À environ {km} km",
        "ar": "على بعد {km} كم تقريبًا",
        "en": "About {km} km away",
    },
    "assistance.reason.capacity": {
        "fr": "{count} place(s) disponible(s)",
        "ar": "{count} مكان(أماكن) متاح(ة)",
        "en": "{count} place(s) available",
    },
    "assistance.reason.language": {
        "fr": "Parle : {languages}",
        "ar": "يتحدث: {languages}",
        "en": "Speaks {languages}",
    },
    "assistance.reason.consent_on_file": {
        "fr": "Consentement enregistré pour {organization}",
        "ar": "الموافقة مسجلة لفائدة {organization}",
        "en": "Consent on file for {organization}",
    },
    "assistance.reason.needs_consent": {
        "fr": "Le consentement de la victime pour {organization} est nécessaire",
        "ar": "يلزم الحصول على موافقة الضحية لفائدة {organization}",
        "en": "The victim's consent for {organization} is needed",
    },
    "assistance.excluded.active": {
        "fr": "n'accueille personne en ce moment",
        "ar": "لا يستقبل أحدًا حاليًا",
        "en": "not taking anyone now",
    },
    "assistance.excluded.capacity": {"fr": "complet", "ar": "ممتلئ", "en": "full"},
    "assistance.excluded.area": {
        "fr": "n'intervient pas à {governorate}",
        "ar": "لا يغطي ولاية {governorate}",
        "en": "does not serve {governorate}",
    },
    "assistance.excluded.sex": {
        "fr": "n'accueille pas {sex}",
        "ar": "لا يستقبل {sex}",
        "en": "does not take {sex}",
    },
    "assistance.excluded.minAge": {
        "fr": "à partir de {age} ans seulement",
        "ar": "ابتداءً من سن {age} فقط",
        "en": "only from age {age}",
    },
    "assistance.excluded.maxAge": {
        "fr": "jusqu'à {age} ans seulement",
        "ar": "حتى سن {age} فقط",
        "en": "only up to age {age}",
    },
    "assistance.excluded.minors": {
        "fr": "n'accueille pas de mineurs",
        "ar": "لا يستقبل القصّر",
        "en": "does not accept minors",
    },
    "assistance.excluded.nationalityExcluded": {
        "fr": "n'accueille pas les ressortissants de : {country}",
        "ar": "لا يستقبل مواطني: {country}",
        "en": "does not take nationals of {country}",
    },
    "assistance.excluded.nationalityOnly": {
        "fr": "réservé aux ressortissants de : {countries}",
        "ar": "مخصص لمواطني: {countries}",
        "en": "only for nationals of {countries}",
    },
    "assistance.excluded.language": {
        "fr": "ne parle pas : {languages}",
        "ar": "لا يتحدث: {languages}",
        "en": "no {languages}",
    },
    "assistance.excluded.exploitation": {
        "fr": "ne traite pas : {forms}",
        "ar": "لا يتكفل بـ: {forms}",
        "en": "does not handle {forms}",
    },
    "error.rate_limited": {
        "fr": "Trop de demandes. Réessayez plus tard.",
        "ar": "طلبات كثيرة جدًا. يرجى المحاولة لاحقًا.",
        "en": "Too many requests. Please try again later.",
    },
    "reports.illegal_transition": {
        "fr": "Le signalement ne peut pas passer de {current} à {target}.",
        "ar": "لا يمكن نقل الإشعار من {current} إلى {target}.",
        "en": "The report cannot move from {current} to {target}.",
    },
    "reports.concurrent_change": {
        "fr": "Le signalement vient d'être modifié par quelqu'un d'autre. Rechargez-le.",
        "ar": "تم تعديل الإشعار للتو من قبل شخص آخر. يرجى إعادة تحميله.",
        "en": "The report was just changed by someone else. Reload it.",
    },
    "reports.receipt_not_found": {
        "fr": "Aucun signalement ne correspond à ce reçu.",
        "ar": "لا يوجد إشعار مطابق لهذا الإيصال.",
        "en": "No report matches this receipt.",
    },
    "transmissions.identity_not_agreed": {
        "fr": "Le signalant n'a pas accepté que son identité soit transmise.",
        "ar": "لم يوافق المبلّغ على إحالة هويته.",
        "en": "The reporter did not agree to their identity being transmitted.",
    },
    "transmissions.not_ready": {
        "fr": "Le signalement doit être examiné avant d'être transmis.",
        "ar": "يجب دراسة الإشعار قبل إحالته.",
        "en": "The report must be reviewed before it is transmitted.",
    },
    "transmissions.already_acknowledged": {
        "fr": "Cette transmission a déjà été accusée.",
        "ar": "تم الإشعار باستلام هذه الإحالة من قبل.",
        "en": "This transmission was already acknowledged.",
    },
    "transmissions.no_competent_court": {
        "fr": "Aucun tribunal compétent n'a été trouvé pour ce gouvernorat.",
        "ar": "لم يتم العثور على محكمة مختصة لهذه الولاية.",
        "en": "No competent court was found for this governorate.",
    },
    "screening.unknown_indicator": {
        "fr": "Indicateur inconnu : {indicator}",
        "ar": "مؤشر غير معروف: {indicator}",
        "en": "Unknown indicator: {indicator}",
    },
    "screening.level.NO_INDICATION": {
        "fr": "Score {score} : aucun indice suffisant de traite pour l'instant.",
        "ar": "النتيجة {score}: لا توجد مؤشرات كافية على الاتجار في الوقت الحالي.",
        "en": "Score {score}: no sufficient indication of trafficking for now.",
    },
    "screening.level.POSSIBLE": {
        "fr": "Score {score} : traite possible ({count} indicateurs). Approfondir l'entretien et consulter l'Instance.",
        "ar": "النتيجة {score}: اتجار محتمل ({count} مؤشرات). يجب تعميق المقابلة واستشارة الهيئة.",
        "en": "Score {score}: possible trafficking ({count} indicators). Interview further, consult the authority.",
    },
    "screening.level.PROBABLE": {
        "fr": "Score {score} : traite probable ({count} indicateurs). Orienter vers l'Instance sans délai.",
        "ar": "النتيجة {score}: اتجار مرجّح ({count} مؤشرات). يجب التوجيه إلى الهيئة دون تأخير.",
        "en": "Score {score}: probable trafficking ({count} indicators). Refer to the authority without delay.",
    },
    "screening.level.URGENT_MINOR": {
        "fr": "Score {score} : enfant en danger. Alerter immédiatement le délégué à la protection de l'enfance.",
        "ar": "النتيجة {score}: طفل في خطر. يجب إعلام مندوب حماية الطفولة فورًا.",
        "en": "Score {score}: child at risk. Alert the child protection delegate immediately.",
    },
    "contracts.persisted_query_not_found": {
        "fr": "Opération enregistrée inconnue : mettez l'application à jour.",
        "ar": "عملية محفوظة غير معروفة: يرجى تحديث التطبيق.",
        "en": "Unknown persisted operation: please update the app.",
    },
    "contracts.persisted_query_required": {
        "fr": "Les applications mobiles n'envoient que des opérations enregistrées.",
        "ar": "لا ترسل التطبيقات المحمولة إلا عمليات محفوظة.",
        "en": "Mobile apps may send only persisted operations.",
    },
    "idempotency.key_invalid": {
        "fr": "En-tête Idempotency-Key invalide : 1 à {maximum} caractères visibles.",
        "ar": "ترويسة Idempotency-Key غير صالحة: من 1 إلى {maximum} حرفًا مرئيًا.",
        "en": "Invalid Idempotency-Key header: 1 to {maximum} visible characters.",
    },
    "idempotency.key_reused": {
        "fr": "Cette clé Idempotency-Key a déjà servi pour une autre requête.",
        "ar": "استُخدم مفتاح Idempotency-Key هذا من قبل لطلب آخر.",
        "en": "This Idempotency-Key was already used for a different request.",
    },
    "idempotency.in_progress": {
        "fr": "La même requête est encore en cours. Réessayez dans un instant.",
        "ar": "الطلب نفسه ما زال قيد المعالجة. أعد المحاولة بعد قليل.",
        "en": "The same request is still being processed. Try again shortly.",
    },
    "sync.stale_version": {
        "fr": "L'élément a été modifié entre-temps (version {current}, attendue {expected}).",
        "ar": "تم تعديل العنصر في الأثناء (النسخة {current}، المتوقعة {expected}).",
        "en": "The item was changed meanwhile (version {current}, expected {expected}).",
    },
    "sync.invalid_cursor": {
        "fr": "Curseur de synchronisation invalide : recommencez une synchronisation complète.",
        "ar": "مؤشر المزامنة غير صالح: أعد مزامنة كاملة.",
        "en": "Invalid sync cursor: start a full synchronisation again.",
    },
    "sync.client_id_taken": {
        "fr": "Cet identifiant client est déjà utilisé.",
        "ar": "معرّف العميل هذا مستخدم من قبل.",
        "en": "This client id is already in use.",
    },
    "casework.transfer_same_owner": {
        "fr": "Le dossier appartient déjà à cette organisation.",
        "ar": "الملف تابع لهذه المنظمة من قبل.",
        "en": "The case already belongs to this organisation.",
    },
    "alerts.title.REFERRAL_RECEIVED": {"fr": "Nouvelle orientation", "ar": "إحالة جديدة", "en": "New referral"},
    "alerts.title.REFERRAL_UNANSWERED": {
        "fr": "Orientation sans réponse",
        "ar": "إحالة دون رد",
        "en": "Referral not answered",
    },
    "alerts.title.URGENT_REPORT": {"fr": "Signalement urgent", "ar": "إشعار عاجل", "en": "Urgent report"},
    "alerts.title.CAPACITY_LOW": {"fr": "Capacité faible", "ar": "طاقة استيعاب منخفضة", "en": "Low capacity"},
    "alerts.title.TRANSMISSION_ACKNOWLEDGED": {
        "fr": "Transmission reçue",
        "ar": "تم استلام الإحالة القضائية",
        "en": "Transmission acknowledged",
    },
    "alerts.title.TRANSMISSION_OVERDUE": {
        "fr": "Transmission en retard",
        "ar": "إحالة قضائية متأخرة",
        "en": "Transmission overdue",
    },
    "alerts.title.REPORTER_MESSAGE": {"fr": "Nouveau message", "ar": "رسالة جديدة", "en": "New message"},
    "alerts.title.GENERIC": {"fr": "Nouvelle alerte", "ar": "تنبيه جديد", "en": "New alert"},
    "alerts.invalid_device_token": {
        "fr": "Jeton d'appareil invalide.",
        "ar": "رمز الجهاز غير صالح.",
        "en": "Invalid device token.",
    },
    "alerts.webhook_url_invalid": {
        "fr": "Adresse de webhook invalide.",
        "ar": "عنوان الويب هوك غير صالح.",
        "en": "Invalid webhook URL.",
    },
    "alerts.webhook_https_required": {
        "fr": "Le webhook doit utiliser HTTPS.",
        "ar": "يجب أن يستخدم الويب هوك بروتوكول HTTPS.",
        "en": "The webhook must use HTTPS.",
    },
    "alerts.webhook_unresolvable": {
        "fr": "Le nom d'hôte du webhook est introuvable.",
        "ar": "تعذّر العثور على اسم مضيف الويب هوك.",
        "en": "The webhook's host name cannot be resolved.",
    },
    "alerts.webhook_target_refused": {
        "fr": "Cette adresse de webhook est refusée : elle doit être publique.",
        "ar": "عنوان الويب هوك هذا مرفوض: يجب أن يكون عنوانًا عامًا.",
        "en": "This webhook address is refused: it must be a public address.",
    },
}
