import MultaqaDomain

/// Every word the public pages say, in Arabic, French and English, by key. Templates read them as
/// `{{t.key}}`; code reads them with `labels["key"]`.
public struct PageLabels: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    public subscript(_ key: String) -> String {
        guard let entry = Self.table[key] else { return key }
        switch language {
        case .ar: return entry.0
        case .fr: return entry.1
        case .en: return entry.2
        }
    }

    /// The whole table in this language, nested at the dots (`form.email` is `t.form.email` in a
    /// template, where a dot walks into a section).
    public var all: [String: Any] {
        switch language {
        case .ar: Self.nested.ar
        case .fr: Self.nested.fr
        case .en: Self.nested.en
        }
    }

    private nonisolated(unsafe) static let nested: (ar: [String: Any], fr: [String: Any], en: [String: Any]) = (
        nest(.ar), nest(.fr), nest(.en)
    )

    private static func nest(_ language: Language) -> [String: Any] {
        let labels = PageLabels(language)
        var root: [String: Any] = [:]
        for key in table.keys {
            let parts = key.split(separator: ".").map(String.init)
            if parts.count == 1 {
                root[key] = labels[key]
            } else {
                var group = root[parts[0]] as? [String: String] ?? [:]
                group[parts.dropFirst().joined(separator: ".")] = labels[key]
                root[parts[0]] = group
            }
        }
        return root
    }

    public func category(_ category: AttendeeCategory) -> String { self["category." + category.rawValue] }
    public func mode(_ mode: AttendanceMode) -> String { self["mode." + mode.rawValue] }
    public func format(_ format: Event.Format) -> String { self["format." + format.rawValue] }
    public func partnerRole(_ role: Partner.Role) -> String { self["partner." + role.rawValue] }
    public func participantRole(_ role: Participant.Role) -> String { self["participant." + role.rawValue] }
    public func sessionKind(_ kind: Session.Kind) -> String { self["session." + kind.rawValue] }
    public func status(_ status: RegistrationStatus) -> String { self["status." + status.rawValue] }
    public func linkKind(_ kind: MediaLink.Kind) -> String { self["link." + kind.rawValue] }
    public func recommendationStatus(_ status: Recommendation.Status) -> String { self["recommendation." + status.rawValue] }

    public static let languageNames: [Language: String] = [.ar: "العربية", .fr: "Français", .en: "English"]

    static let table: [String: (String, String, String)] = [
        "site": ("ملتقى", "Multaqa", "Multaqa"),
        "tagline": (
            "لقاءات وندوات ومنتديات الجماعات الترابية وشركائها",
            "Rencontres, séminaires et forums des collectivités territoriales et de leurs partenaires",
            "Meetings, seminars and forums of territorial collectivities and their partners"
        ),
        "skip": ("انتقل إلى المحتوى", "Aller au contenu", "Skip to content"),
        "languages": ("اللغة", "Langue", "Language"),
        "footer": (
            "ملتقى: منصة تنظيم اللقاءات. بياناتكم الشخصية لا تُستعمل إلا لتنظيم هذا اللقاء.",
            "Multaqa : plateforme d'organisation des rencontres. Vos données personnelles ne servent qu'à organiser cette rencontre.",
            "Multaqa: the platform that runs these meetings. Your personal data serves only to organise this meeting."
        ),
        "home.title": ("اللقاءات", "Les rencontres", "Meetings"),
        "home.upcoming": ("اللقاءات المقبلة", "Rencontres à venir", "Upcoming meetings"),
        "home.past": ("اللقاءات السابقة", "Rencontres passées", "Past meetings"),
        "home.none": (
            "لا يوجد أي لقاء منشور بعد. ينشئ المنظمون اللقاءات عبر واجهة البرمجة (API) ثم ينشرونها.",
            "Aucune rencontre publiée pour l'instant. Les organisateurs créent les rencontres par l'API puis les publient.",
            "No meeting is published yet. Organisers create meetings through the API, then publish them."
        ),
        "home.about": (
            "ملتقى يُنظّم اللقاءات الحضورية والافتراضية والهجينة: البرنامج والتسجيل والتوصيات وتتبعها.",
            "Multaqa organise des rencontres en présentiel, en ligne ou hybrides : programme, inscriptions, recommandations et leur suivi.",
            "Multaqa runs meetings in person, online or hybrid: programme, registration, recommendations and their follow-up."
        ),
        "home.api": ("وثيقة واجهة البرمجة", "Le contrat de l'API", "The API contract"),

        "event.when": ("التاريخ", "Dates", "Dates"),
        "event.format": ("الصيغة", "Format", "Format"),
        "event.where": ("المكان", "Lieu", "Venue"),
        "event.online": ("عن بعد", "En ligne", "Online"),
        "event.stream": ("البث المباشر", "Diffusion en direct", "Live stream"),
        "event.languages": ("لغات اللقاء", "Langues", "Languages"),
        "event.interpretation": ("مع ترجمة فورية", "avec interprétation", "with interpretation"),
        "event.partners": ("المنظمون والشركاء", "Organisateurs et partenaires", "Organisers and partners"),
        "event.programme": ("البرنامج", "Programme", "Programme"),
        "event.noProgramme": (
            "لم يُنشر البرنامج بعد.", "Le programme n'est pas encore publié.", "The programme is not published yet."
        ),
        "event.room": ("القاعة", "Salle", "Room"),
        "event.documents": ("الوثائق", "Documents", "Documents"),
        "event.links": ("روابط", "Liens", "Links"),
        "event.recommendations": ("التوصيات المعتمدة", "Recommandations adoptées", "Adopted recommendations"),
        "event.register": ("التسجيل في اللقاء", "S'inscrire", "Register"),
        "event.registrationClosed": ("التسجيل مغلق.", "Les inscriptions sont closes.", "Registration is closed."),
        "event.registrationNotOpen": (
            "لم يُفتح التسجيل بعد.", "Les inscriptions ne sont pas encore ouvertes.", "Registration is not open yet."
        ),
        "event.registrationOpensAt": ("يُفتح التسجيل في", "Les inscriptions ouvrent le", "Registration opens on"),
        "event.registrationClosesAt": ("آخر أجل للتسجيل:", "Inscriptions jusqu'au", "Registration until"),
        "event.cancelled": ("أُلغي هذا اللقاء.", "Cette rencontre est annulée.", "This meeting is cancelled."),
        "event.calendar": (
            "البرنامج في تقويمكم (ICS)", "Le programme dans votre agenda (ICS)", "The programme in your calendar (ICS)"
        ),
        "event.workshop": ("ورشة", "Atelier", "Workshop"),

        "category.elected_official": ("منتخب(ة)", "Élu(e)", "Elected official"),
        "category.administrative_staff": ("إطار أو موظف(ة) إداري(ة)", "Cadre ou agent administratif", "Administrative staff"),
        "category.consultative_body_member": (
            "عضو(ة) هيئة استشارية", "Membre d'une instance consultative", "Member of a consultative body"
        ),
        "category.partner_representative": ("ممثل(ة) شريك", "Représentant(e) d'un partenaire", "Partner representative"),
        "category.speaker": ("متدخل(ة)", "Intervenant(e)", "Speaker"),
        "category.press": ("صحافة", "Presse", "Press"),
        "category.researcher": ("باحث(ة)", "Chercheur(se)", "Researcher"),
        "category.student": ("طالب(ة)", "Étudiant(e)", "Student"),
        "category.citizen": ("مواطن(ة)", "Citoyen(ne)", "Citizen"),
        "category.other": ("صفة أخرى", "Autre", "Other"),

        "format.in_person": ("حضوري", "En présentiel", "In person"),
        "format.virtual": ("عن بعد", "En ligne", "Online"),
        "format.hybrid": ("هجين: حضوري وعن بعد", "Hybride : sur place et en ligne", "Hybrid: in person and online"),
        "mode.in_person": ("حضوريًا", "Sur place", "In person"),
        "mode.online": ("عن بعد", "En ligne", "Online"),

        "partner.organizer": ("المنظم", "Organisateur", "Organiser"),
        "partner.co_organizer": ("منظم مشارك", "Co-organisateur", "Co-organiser"),
        "partner.funder": ("ممول", "Bailleur", "Funder"),
        "partner.host": ("المضيف", "Hôte", "Host"),
        "partner.technical_partner": ("شريك تقني", "Partenaire technique", "Technical partner"),
        "partner.media_partner": ("شريك إعلامي", "Partenaire média", "Media partner"),

        "participant.speaker": ("متدخل", "Intervenant", "Speaker"),
        "participant.moderator": ("مسير", "Modération", "Moderator"),
        "participant.chair": ("رئاسة", "Présidence", "Chair"),
        "participant.panelist": ("مشارك في النقاش", "Panéliste", "Panellist"),
        "participant.coordinator": ("تنسيق", "Coordination", "Coordinator"),
        "participant.rapporteur": ("مقرر", "Rapporteur", "Rapporteur"),

        "session.opening": ("افتتاح", "Ouverture", "Opening"),
        "session.plenary": ("جلسة عامة", "Plénière", "Plenary"),
        "session.talk": ("مداخلة", "Intervention", "Talk"),
        "session.panel": ("مائدة مستديرة", "Table ronde", "Panel"),
        "session.discussion": ("نقاش", "Débat", "Discussion"),
        "session.workshop": ("ورشة", "Atelier", "Workshop"),
        "session.break": ("استراحة", "Pause", "Break"),
        "session.closing": ("اختتام", "Clôture", "Closing"),

        "link.live_stream": ("بث مباشر", "En direct", "Live stream"),
        "link.recording": ("تسجيل", "Enregistrement", "Recording"),
        "link.highlights": ("أقوى اللحظات", "Temps forts", "Highlights"),
        "link.slides": ("العرض", "Présentation", "Slides"),
        "link.other": ("رابط", "Lien", "Link"),

        "recommendation.adopted": ("معتمدة", "Adoptée", "Adopted"),
        "recommendation.in_progress": ("قيد التنفيذ", "En cours", "In progress"),
        "recommendation.implemented": ("منفذة", "Mise en œuvre", "Implemented"),
        "recommendation.draft": ("مسودة", "Brouillon", "Draft"),
        "recommendation.submitted": ("مقترحة", "Soumise", "Submitted"),
        "recommendation.rejected": ("مرفوضة", "Rejetée", "Rejected"),
        "recommendation.merged": ("مدمجة", "Fusionnée", "Merged"),

        "form.title": ("التسجيل", "Inscription", "Registration"),
        "form.intro": (
            "الحقول المعلَّمة بـ * إلزامية.", "Les champs marqués d'un * sont obligatoires.", "Fields marked * are required."
        ),
        "form.you": ("هويتكم", "Vous", "About you"),
        "form.fullName": ("الاسم الكامل", "Nom complet", "Full name"),
        "form.fullNameHint": (
            "كما تريدون أن يُكتب على الشارة، بالعربية أو بالحروف اللاتينية.",
            "Tel qu'il doit figurer sur votre badge, en arabe ou en lettres latines.",
            "As it should appear on your badge, in Arabic or Latin letters."
        ),
        "form.email": ("البريد الإلكتروني", "Adresse e-mail", "Email address"),
        "form.emailHint": (
            "نرسل إليه التأكيد ورابط تدبير التسجيل.", "Nous y envoyons la confirmation et le lien de gestion.",
            "We send the confirmation and the manage link there."
        ),
        "form.phone": ("الهاتف", "Téléphone", "Phone"),
        "form.phoneHint": (
            "مثال: 0612345678 أو ‎+212612345678", "Par exemple 06 12 34 56 78 ou +212 6 12 34 56 78",
            "For example +212 6 12 34 56 78"
        ),
        "form.category": ("الصفة", "Qualité", "You attend as"),
        "form.choose": ("اختاروا…", "Choisir…", "Choose…"),
        "form.affiliation": ("الانتماء", "Rattachement", "Affiliation"),
        "form.region": ("الجهة", "Région", "Region"),
        "form.collectivity": (
            "الجماعة الترابية (الجهة أو العمالة أو الإقليم)", "Collectivité (région, préfecture ou province)",
            "Collectivity (region, prefecture or province)"
        ),
        "form.collectivitySearch": ("بحث عن جماعة", "Rechercher une collectivité", "Search a collectivity"),
        "form.none": ("بدون", "Aucune", "None"),
        "form.position": ("المهمة أو الوظيفة", "Fonction", "Position"),
        "form.attendance": ("طريقة الحضور", "Participation", "Attendance"),
        "form.seatsLeft": ("مقاعد متبقية: {n}", "Places restantes : {n}", "Seats left: {n}"),
        "form.waitlist": ("مكتمل: قائمة الانتظار", "Complet : liste d'attente", "Full: waiting list"),
        "form.full": ("مكتمل", "Complet", "Full"),
        "form.workshops": ("الورشات", "Ateliers", "Workshops"),
        "form.workshopsHint": (
            "ورشة واحدة على الأكثر في كل فترة.", "Un atelier au plus par créneau.", "At most one workshop per time slot."
        ),
        "form.slot": ("الفترة {n}", "Créneau {n}", "Time slot {n}"),
        "form.noWorkshop": ("لا أشارك في أي ورشة في هذه الفترة", "Pas d'atelier sur ce créneau", "No workshop in this slot"),
        "form.rankHint": (
            "رتّبوا ورشات كل فترة حسب تفضيلكم، ثم يوزّع المنظمون المقاعد ويراسلونكم بالنتيجة.",
            "Classez les ateliers de chaque créneau par ordre de préférence ; les organisateurs répartissent ensuite "
                + "les places et vous écrivent le résultat.",
            "Rank the workshops of each time slot in order of preference; the organisers then allocate the seats "
                + "and write to you with the result."
        ),
        "form.choice": ("الاختيار رقم {n}", "Choix n° {n}", "Choice {n}"),
        "form.noChoice": ("— بدون —", "— aucun —", "— none —"),
        "form.rankingClosed": (
            "أُغلق ترتيب الورشات؛ ترتيبكم كما هو أدناه.", "Le classement des ateliers est clos ; le vôtre est ci-dessous.",
            "Workshop rankings are closed; yours is below."
        ),
        "form.language": ("لغة المراسلات", "Langue des messages", "Language of your mail"),
        "form.invitation": ("رمز الدعوة", "Code d'invitation", "Invitation code"),
        "form.invitationHint": (
            "التسجيل في هذا اللقاء بدعوة فقط.", "Cette rencontre est sur invitation.", "This meeting is by invitation."
        ),
        "form.consentTitle": ("حماية المعطيات الشخصية", "Données personnelles", "Personal data"),
        "form.notice": (
            "تُعالَج المعطيات المدخلة في هذه الاستمارة من طرف منظمي اللقاء لغرض واحد: تنظيمه (التسجيل، الشارات، الحضور، المراسلات المتعلقة به). لا تُنشر ولا تُسلَّم لأي جهة أخرى. يمكنكم الاطلاع عليها وتعديلها ومحوها في أي وقت عبر رابط التدبير الذي نرسله إليكم.",
            "Les données saisies dans ce formulaire sont traitées par les organisateurs de la rencontre dans un seul but : l'organiser (inscription, badges, présence, messages qui la concernent). Elles ne sont ni publiées ni cédées. Vous pouvez les consulter, les modifier et les effacer à tout moment par le lien de gestion que nous vous envoyons.",
            "The data you enter in this form is processed by the meeting's organisers for one purpose only: running the meeting (registration, badges, attendance, mail about it). It is neither published nor passed on. You can see, change and erase it at any time through the manage link we send you."
        ),
        "form.consent": (
            "قرأت هذا الإشعار وأوافق على معالجة معطياتي لهذا الغرض.",
            "J'ai lu cette information et j'accepte le traitement de mes données dans ce but.",
            "I have read this notice and agree to the processing of my data for this purpose."
        ),
        "form.submit": ("تأكيد التسجيل", "Envoyer l'inscription", "Register"),
        "form.required": ("إلزامي", "obligatoire", "required"),
        "form.errors": ("المرجو تصحيح ما يلي:", "Merci de corriger ce qui suit :", "Please correct the following:"),
        "form.closed": (
            "لا يقبل هذا اللقاء تسجيلات الآن.", "Cette rencontre ne prend pas d'inscriptions en ce moment.",
            "This meeting does not take registrations now."
        ),

        "error.fullName": ("اكتبوا اسمكم الكامل.", "Indiquez votre nom complet.", "Enter your full name."),
        "error.email": (
            "اكتبوا عنوان بريد إلكتروني صحيحًا، مثل name@example.ma.",
            "Indiquez une adresse e-mail valide, par exemple nom@exemple.ma.",
            "Enter a valid email address, such as name@example.com."
        ),
        "error.emailTaken": (
            "هذا البريد مسجَّل من قبل في هذا اللقاء. استعملوا رابط التدبير الذي توصلتم به.",
            "Cette adresse est déjà inscrite à cette rencontre. Utilisez le lien de gestion reçu par e-mail.",
            "This address is already registered for this meeting. Use the manage link you received by mail."
        ),
        "error.phone": (
            "اكتبوا رقم هاتف صحيحًا (أرقام، ويمكن أن يبدأ بـ +).",
            "Indiquez un numéro valide (chiffres, éventuellement précédés de +).",
            "Enter a valid phone number (digits, optionally starting with +)."
        ),
        "error.phoneRequired": (
            "الهاتف إلزامي في هذا اللقاء.", "Le téléphone est obligatoire pour cette rencontre.",
            "A phone number is required for this meeting."
        ),
        "error.category": ("اختاروا صفتكم.", "Choisissez votre qualité.", "Choose how you attend."),
        "error.mode": ("اختاروا طريقة الحضور.", "Choisissez votre mode de participation.", "Choose how you take part."),
        "error.modeFull": (
            "لم يعد هناك مقعد بهذه الطريقة، وليست هناك قائمة انتظار. اختاروا طريقة أخرى.",
            "Il n'y a plus de place dans ce mode et pas de liste d'attente. Choisissez-en un autre.",
            "There are no seats left in this mode and no waiting list. Choose another."
        ),
        "error.position": (
            "الوظيفة طويلة جدًا أو إلزامية في هذا اللقاء.", "La fonction est trop longue, ou obligatoire pour cette rencontre.",
            "The position is too long, or required for this meeting."
        ),
        "error.affiliation": (
            "اختاروا جماعة من القائمة.", "Choisissez une collectivité dans la liste.", "Choose a collectivity from the list."
        ),
        "error.affiliationRequired": (
            "الانتماء إلزامي في هذا اللقاء.", "Le rattachement est obligatoire pour cette rencontre.",
            "An affiliation is required for this meeting."
        ),
        "error.workshops": (
            "اختيار الورشات غير ممكن: ورشة واحدة في كل فترة.", "Ce choix d'ateliers n'est pas possible : un atelier par créneau.",
            "This choice of workshops is not possible: one workshop per time slot."
        ),
        "error.workshopFull": (
            "هذه الورشة مكتملة، اختاروا ورشة أخرى.", "Cet atelier est complet, choisissez-en un autre.",
            "This workshop is full; choose another."
        ),
        "error.consent": (
            "التسجيل يتطلب موافقتكم على معالجة معطياتكم.", "L'inscription demande votre accord au traitement de vos données.",
            "Registering requires your agreement to the processing of your data."
        ),
        "error.invitation": (
            "رمز الدعوة غير صالح أو استُعمل كاملاً.", "Ce code d'invitation n'est pas valable ou a été épuisé.",
            "This invitation code is not valid or has been used up."
        ),
        "error.language": ("اختاروا لغة من القائمة.", "Choisissez une langue de la liste.", "Choose a language from the list."),
        "error.closed": ("التسجيل مغلق.", "Les inscriptions sont closes.", "Registration is closed."),
        "error.notOpen": (
            "لم يُفتح التسجيل بعد.", "Les inscriptions ne sont pas encore ouvertes.", "Registration is not open yet."
        ),
        "error.full": ("اللقاء مكتمل.", "La rencontre est complète.", "The meeting is full."),
        "error.again": (
            "تعذّر حفظ الطلب. أعيدوا المحاولة بعد لحظة.", "L'inscription n'a pas pu être enregistrée. Réessayez dans un instant.",
            "The registration could not be stored. Try again in a moment."
        ),
        "error.resent": (
            "أُرسلت هذه الاستمارة من قبل. هذه استمارة جديدة.", "Ce formulaire a déjà été envoyé. En voici un nouveau.",
            "This form was already sent. Here is a new one."
        ),

        "status.confirmed": ("تسجيلكم مؤكد", "Votre inscription est confirmée", "Your registration is confirmed"),
        "status.waitlisted": ("أنتم في قائمة الانتظار", "Vous êtes sur la liste d'attente", "You are on the waiting list"),
        "status.pending_approval": (
            "طلبكم في انتظار موافقة المنظمين", "Votre demande attend l'accord des organisateurs",
            "Your request awaits the organisers' approval"
        ),
        "status.cancelled": ("أُلغي هذا التسجيل", "Cette inscription est annulée", "This registration is cancelled"),
        "status.rejected": ("لم يُقبل هذا الطلب", "Cette demande n'a pas été retenue", "This request was not accepted"),
        "manage.position": (
            "مرتبتكم في قائمة الانتظار: {n}", "Votre position sur la liste d'attente : {n}", "Your place on the waiting list: {n}"
        ),
        "manage.waitlistHint": (
            "سنراسلكم إذا تحرر مقعد.", "Nous vous écrirons si une place se libère.",
            "We will write to you if a seat becomes free."
        ),
        "manage.title": ("تسجيلكم", "Votre inscription", "Your registration"),
        "manage.checkin": ("رمز الدخول", "Code d'accueil", "Check-in code"),
        "manage.checkinHint": (
            "قدّموه عند الاستقبال (على الهاتف أو مطبوعًا).", "À présenter à l'accueil (sur votre téléphone ou imprimé).",
            "Show it at the desk (on your phone or printed)."
        ),
        "manage.calendar": ("أضيفوا اللقاء إلى تقويمكم (ICS)", "Ajouter à votre agenda (ICS)", "Add to your calendar (ICS)"),
        "manage.badge": ("شارتكم للطباعة (PDF)", "Votre badge à imprimer (PDF)", "Your badge to print (PDF)"),
        "manage.certificate": ("شهادة حضوركم", "Votre attestation de participation", "Your certificate of attendance"),
        "manage.link": ("رابط تدبير تسجيلكم", "Votre lien de gestion", "Your manage link"),
        "manage.linkHint": (
            "احتفظوا به ولا تشاركوه: يفتح تسجيلكم دون كلمة مرور. أرسلناه أيضًا إلى بريدكم.",
            "Gardez-le pour vous : il ouvre votre inscription sans mot de passe. Nous l'avons aussi envoyé par e-mail.",
            "Keep it to yourself: it opens your registration without a password. We also mailed it to you."
        ),
        "manage.details": ("المعلومات المسجلة", "Vos informations", "Your details"),
        "manage.change": ("تعديل التسجيل", "Modifier l'inscription", "Change your registration"),
        "manage.save": ("حفظ التعديلات", "Enregistrer", "Save changes"),
        "manage.saved": ("حُفظت تعديلاتكم.", "Vos modifications sont enregistrées.", "Your changes are saved."),
        "manage.registered": (
            "شكرًا، وصلنا تسجيلكم.", "Merci, votre inscription est enregistrée.", "Thank you, your registration is recorded."
        ),
        "manage.cancel": ("إلغاء تسجيلي", "Annuler mon inscription", "Cancel my registration"),
        "manage.cancelQuestion": (
            "هل تريدون فعلاً إلغاء تسجيلكم؟ يتحرر مقعدكم لشخص آخر، ولا يمكن التراجع.",
            "Voulez-vous vraiment annuler votre inscription ? Votre place ira à quelqu'un d'autre ; ce n'est pas réversible.",
            "Do you really want to cancel your registration? Your seat goes to someone else; this cannot be undone."
        ),
        "manage.cancelConfirm": ("نعم، ألغوا تسجيلي", "Oui, annuler mon inscription", "Yes, cancel my registration"),
        "manage.cancelled": ("أُلغي تسجيلكم.", "Votre inscription est annulée.", "Your registration is cancelled."),
        "manage.erase": ("محو معطياتي الشخصية", "Effacer mes données personnelles", "Erase my personal data"),
        "manage.eraseQuestion": (
            "هل تريدون محو اسمكم وبريدكم وهاتفكم ووظيفتكم نهائيًا؟ يُلغى التسجيل أيضًا، ولا تبقى إلا أرقام إحصائية دون هوية.",
            "Voulez-vous effacer définitivement votre nom, votre e-mail, votre téléphone et votre fonction ? L'inscription est aussi annulée ; seuls des chiffres sans identité restent.",
            "Do you want to erase your name, email, phone and position for good? The registration is cancelled too; only anonymous counts remain."
        ),
        "manage.eraseConfirm": ("نعم، امحوا معطياتي", "Oui, effacer mes données", "Yes, erase my data"),
        "manage.erased": ("مُحيت معطياتكم الشخصية.", "Vos données personnelles sont effacées.", "Your personal data is erased."),
        "manage.back": ("رجوع", "Retour", "Back"),
        "manage.noAccess": (
            "لفتح تسجيلكم، استعملوا الرابط الذي وصلكم في البريد الإلكتروني.",
            "Pour ouvrir votre inscription, suivez le lien reçu par e-mail.",
            "To open your registration, follow the link you received by mail."
        ),
        "manage.badLink": (
            "هذا الرابط غير صالح أو استُبدل برابط أحدث. اطلبوا رابطًا جديدًا من صفحة اللقاء.",
            "Ce lien n'est pas valable ou a été remplacé par un plus récent. Demandez un nouveau lien.",
            "This link is not valid, or a newer one replaced it. Ask for a new link."
        ),
        "manage.resend": ("أرسلوا لي الرابط من جديد", "Renvoyer mon lien", "Send my link again"),
        "manage.resendHint": (
            "اكتبوا البريد الذي سجلتم به: إذا كان مسجلاً في هذا اللقاء نرسل إليه رابطًا جديدًا.",
            "Indiquez l'adresse utilisée à l'inscription : si elle est inscrite à cette rencontre, nous y envoyons un nouveau lien.",
            "Enter the address you registered with: if it is registered for this meeting, we send a new link to it."
        ),
        "manage.resent": (
            "إذا كان هذا البريد مسجلاً في اللقاء، فسيصله رابط جديد خلال دقائق.",
            "Si cette adresse est inscrite à la rencontre, un nouveau lien y arrivera dans quelques minutes.",
            "If this address is registered for the meeting, a new link will reach it within minutes."
        ),
        "manage.event": ("صفحة اللقاء", "Page de la rencontre", "Meeting page"),
        "manage.ranking": ("ترتيبكم للورشات", "Votre classement des ateliers", "Your ranking of the workshops"),
        "alloc.title": ("ورشاتكم", "Vos ateliers", "Your workshops"),
        "alloc.got": ("{workshop}: اختياركم رقم {rank}", "{workshop} : votre choix n° {rank}", "{workshop}: your choice {rank}"),
        "alloc.none": (
            "لم تُمنح لكم أي ورشة في هذه الفترة.", "Aucun atelier ne vous a été attribué sur ce créneau.",
            "No workshop was given to you in this time slot."
        ),
        "alloc.by.priority": (
            "وُزّعت المقاعد حسب ترتيب التسجيل.", "Les places ont été attribuées dans l'ordre des inscriptions.",
            "Seats were allocated in registration order."
        ),
        "alloc.by.lottery": (
            "وُزّعت المقاعد حسب ترتيب قرعة منشورة.", "Les places ont été attribuées dans l'ordre d'un tirage au sort publié.",
            "Seats were allocated in the order of a published draw."
        ),
        "alloc.by.rank_maximal": (
            "وُزّعت المقاعد بحيث ينال أكبر عدد ممكن من المشاركين اختيارهم الأول، ثم الثاني، وهكذا.",
            "Les places ont été attribuées pour donner son premier choix au plus grand nombre, puis son deuxième, et ainsi de suite.",
            "Seats were allocated to give as many attendees as possible their first choice, then their second, and so on."
        ),
        "alloc.turn.priority": (
            "كان دوركم {turn} من {turns} حسب ترتيب التسجيل.", "Votre tour : {turn} sur {turns}, dans l'ordre des inscriptions.",
            "Your turn was {turn} of {turns}, in registration order."
        ),
        "alloc.turn.lottery": (
            "كان دوركم {turn} من {turns} في القرعة.", "Votre tour : {turn} sur {turns} dans le tirage.",
            "Your turn was {turn} of {turns} in the draw."
        ),
        "alloc.full": (
            "{workshop} (اختياركم رقم {rank}) كانت مكتملة عند دوركم: ذهب آخر مقعد فيها في الدور {filled}.",
            "{workshop} (votre choix n° {rank}) était complet à votre tour : sa dernière place est partie au tour {filled}.",
            "{workshop} (your choice {rank}) was full by your turn: its last seat went at turn {filled}."
        ),
        "alloc.noSeat": (
            "{workshop} (اختياركم رقم {rank}) لم يبق فيها أي مقعد قبل التوزيع.",
            "{workshop} (votre choix n° {rank}) n'avait plus aucune place avant la répartition.",
            "{workshop} (your choice {rank}) had no seat left before the allocation."
        ),
        "alloc.cost": (
            "منحكم {workshop} (اختياركم رقم {rank}) كان سيكلّف غيركم: {changes}.",
            "Vous donner {workshop} (votre choix n° {rank}) aurait coûté aux autres : {changes}.",
            "Giving you {workshop} (your choice {rank}) would have cost others: {changes}."
        ),
        "alloc.fewer": (
            "ينقص {n} ممن ينالون اختيارهم رقم {rank}", "{n} de moins avec leur choix n° {rank}",
            "{n} fewer with their choice {rank}"
        ),
        "alloc.more": (
            "يزيد {n} ممن ينالون اختيارهم رقم {rank}", "{n} de plus avec leur choix n° {rank}",
            "{n} more with their choice {rank}"
        ),
        "alloc.without": ("يبقى {n} بدون ورشة", "{n} de plus sans atelier", "{n} more without a workshop"),
        "alloc.and": ("، و", ", ", ", "),
        "manage.join": ("رابط المشاركة عن بعد", "Lien pour participer en ligne", "Link to take part online"),

        "page.notFound": ("الصفحة غير موجودة", "Page introuvable", "Page not found"),
        "page.notFoundText": (
            "لا توجد صفحة بهذا العنوان، أو أن اللقاء لم يُنشر بعد.",
            "Aucune page à cette adresse, ou la rencontre n'est pas encore publiée.",
            "There is no page at this address, or the meeting is not published yet."
        ),
        "page.forbidden": ("تعذّر قبول الاستمارة", "Formulaire refusé", "Form refused"),
        "page.forbiddenText": (
            "لم تُرسل هذه الاستمارة من هذا الموقع، أو انتهت صلاحيتها. أعيدوا فتح الصفحة ثم أرسلوها من جديد.",
            "Ce formulaire ne vient pas de ce site ou a expiré. Rouvrez la page et envoyez-le à nouveau.",
            "This form did not come from this site, or it expired. Open the page again and send it again."
        ),
        "page.tooMany": ("طلبات كثيرة", "Trop de demandes", "Too many requests"),
        "page.tooManyText": (
            "وصلتنا طلبات كثيرة من جهازكم. أعيدوا المحاولة بعد {n} ثانية.",
            "Trop de demandes depuis votre appareil. Réessayez dans {n} s.",
            "Too many requests from your device. Try again in {n} s."
        ),
        "page.unavailable": ("الخدمة غير متاحة مؤقتًا", "Service momentanément indisponible", "Service briefly unavailable"),
        "page.unavailableText": (
            "لم يُحفظ أي شيء. أعيدوا المحاولة بعد لحظة.", "Rien n'a été enregistré. Réessayez dans un instant.",
            "Nothing was stored. Try again in a moment."
        ),
        "page.home": ("كل اللقاءات", "Toutes les rencontres", "All meetings"),

        "certificate.title": ("التحقق من شهادة حضور", "Vérification d'une attestation", "Certificate check"),
        "certificate.valid": ("شهادة صحيحة وسارية", "Attestation authentique et valide", "A genuine, valid certificate"),
        "certificate.revoked": (
            "أَلغى المنظمون هذه الشهادة", "Cette attestation a été révoquée par les organisateurs",
            "This certificate was revoked by the organisers"
        ),
        "certificate.withdrawn": (
            "سُحبت هذه الشهادة: محا صاحبها معطياته الشخصية",
            "Cette attestation a été retirée : son titulaire a effacé ses données",
            "This certificate was withdrawn: its holder erased their personal data"
        ),
        "certificate.unknown": (
            "لا توجد شهادة بهذا الرمز", "Aucune attestation ne porte ce code", "No certificate has this code"
        ),
        "certificate.holder": ("صاحب(ة) الشهادة", "Titulaire", "Holder"),
        "certificate.event": ("اللقاء", "Rencontre", "Meeting"),
        "certificate.dates": ("التاريخ", "Dates", "Dates"),
        "certificate.days": ("أيام الحضور", "Jours de présence", "Days attended"),
        "certificate.code": ("رمز التحقق", "Code de vérification", "Verification code"),
        "certificate.download": ("تحميل الشهادة (PDF)", "Télécharger l'attestation (PDF)", "Download the certificate (PDF)"),
        "certificate.both": ("بالعربية والفرنسية", "En arabe et en français", "In Arabic and French"),

        "checkin.title": ("استقبال المشاركين", "Accueil des participants", "Check-in"),
        "checkin.unlockHint": (
            "أدخلوا رمز نقطة الاستقبال الذي سلّمه لكم المنظمون.",
            "Saisissez le code du poste d'accueil remis par les organisateurs.",
            "Type the kiosk code the organisers gave you."
        ),
        "checkin.kioskCode": ("رمز نقطة الاستقبال", "Code du poste d'accueil", "Kiosk code"),
        "checkin.unlock": ("فتح نقطة الاستقبال", "Ouvrir le poste", "Open the kiosk"),
        "checkin.badCode": (
            "هذا الرمز لا يفتح استقبال هذا اللقاء، أو أُلغي.",
            "Ce code n'ouvre pas l'accueil de cette rencontre, ou il a été révoqué.",
            "This code does not open check-in for this meeting, or it was revoked."
        ),
        "checkin.scanHint": (
            "امسحوا الشارة أو اكتبوا رمز الدخول ثم اضغطوا Enter.", "Scannez le badge ou tapez le code d'accueil, puis Entrée.",
            "Scan the badge or type the check-in code, then Enter."
        ),
        "checkin.code": ("رمز الدخول", "Code d'accueil", "Check-in code"),
        "checkin.session": ("مكان التسجيل", "Lieu de l'accueil", "Where"),
        "checkin.entrance": (
            "مدخل اللقاء (حضور اليوم)", "Entrée de la rencontre (présence du jour)", "Meeting entrance (the day's attendance)"
        ),
        "checkin.submit": ("تسجيل الحضور", "Enregistrer", "Check in"),
        "checkin.lock": ("إغلاق نقطة الاستقبال", "Fermer le poste", "Close this kiosk"),
        "checkin.kiosk": ("نقطة الاستقبال", "Poste", "Kiosk"),
        "checkin.offline": (
            "تعذّر الاتصال: أعيدوا مسح الشارة", "Pas de connexion : scannez le badge à nouveau",
            "No connection: scan the badge again"
        ),
        "checkin.ready": ("جاهز للمسح", "Prêt à scanner", "Ready to scan"),
        "checkin.welcome": ("مرحبا {name}", "Bienvenue {name}", "Welcome {name}"),
        "checkin.welcomeAnonymous": ("مرحبا", "Bienvenue", "Welcome"),
        "checkin.unknown": ("رمز غير معروف في هذا اللقاء", "Code inconnu pour cette rencontre", "Unknown code for this meeting"),
        "checkin.already": (
            "{name}: سبق تسجيل الحضور اليوم", "{name} : déjà enregistré(e) aujourd'hui", "{name}: already checked in today"
        ),
        "checkin.alreadySession": (
            "{name}: سبق تسجيل الحضور في هذه الحصة", "{name} : déjà enregistré(e) à cette séance",
            "{name}: already checked in for this session"
        ),
        "checkin.wrongDay": (
            "نقطة الاستقبال هذه تسجّل حضور يوم {day}، لا اليوم", "Ce poste enregistre les présences du {day}, pas d'aujourd'hui",
            "This kiosk checks in for {day}, not today"
        ),
        "checkin.wrongSession": (
            "هذه الحصة ليست من برنامج هذا اليوم", "Cette séance n'est pas au programme de ce jour",
            "This session is not on this day's programme"
        ),
        "checkin.notConfirmed.waitlisted": (
            "غير مؤكد: في قائمة الانتظار", "Non confirmé(e) : sur liste d'attente", "Not confirmed: on the waiting list"
        ),
        "checkin.notConfirmed.pending_approval": (
            "غير مؤكد: في انتظار موافقة المنظمين", "Non confirmé(e) : en attente de validation",
            "Not confirmed: awaiting approval"
        ),
        "checkin.notConfirmed.cancelled": ("هذا التسجيل ملغى", "Inscription annulée", "This registration is cancelled"),
        "checkin.notConfirmed.rejected": ("لم يُقبل هذا التسجيل", "Inscription non retenue", "This registration was not accepted"),
        "checkin.notConfirmed.confirmed": ("التسجيل مؤكد", "Inscription confirmée", "Registration confirmed"),
    ]
}
