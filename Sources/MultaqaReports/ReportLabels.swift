/// The words of the reports themselves, in Arabic, French and English.
enum ReportLabels {
    static let table: [String: (ar: String, fr: String, en: String)] = [
        "recommendations.title": ("التوصيات", "Recommandations", "Recommendations"),
        "documents": ("الوثائق والتسجيلات", "Documents et enregistrements", "Documents and recordings"),
        "recording-closing": (
            "تسجيل الجلسة الختامية", "Enregistrement de la séance de clôture", "Recording of the closing session"
        ),
        "recording": ("التسجيل", "Enregistrement", "Recording"),
        "title": ("العنوان", "Titre", "Title"),
        "kind": ("النوع", "Type", "Kind"),
        "file": ("الملف", "Fichier", "File"),
        "address": ("الرابط", "Adresse", "Address"),
        "document.recommendations": ("التوصيات", "Recommandations", "Recommendations"),
        "document.strategic_plan": ("المخطط الاستراتيجي", "Plan stratégique", "Strategic plan"),
        "document.programme_description": ("تقديم البرنامج", "Présentation du programme", "Programme description"),
        "document.slides": ("عرض", "Présentation", "Slides"),
        "document.agenda": ("جدول الأعمال", "Ordre du jour", "Agenda"),
        "document.press_release": ("بلاغ صحفي", "Communiqué de presse", "Press release"),
        "document.photo": ("صورة", "Photo", "Photo"),
        "document.other": ("وثيقة", "Document", "Document"),
        "summary": ("ملخص حسب الحالة", "Synthèse par statut", "Summary by status"),
        "status": ("الحالة", "Statut", "Status"),
        "count": ("العدد", "Nombre", "Count"),
        "number": ("الرقم", "N°", "No."),
        "recommendation": ("التوصية", "Recommandation", "Recommendation"),
        "actors": ("الفاعلون المعنيون", "Acteurs concernés", "Actors"),
        "owner": ("الجهة المسؤولة", "Responsable", "Owner"),
        "progress": ("نسبة الإنجاز", "Avancement", "Progress"),
        "due": ("الأجل", "Échéance", "Due date"),
        "plenary": ("الجلسة العامة", "Plénière", "Plenary"),
        "axis": ("المحور", "Axe", "Axis"),
        "no-axis": ("بدون محور", "Sans axe", "No axis"),
        // Said in one column of a bilingual report when a text exists in the other language only.
        "only.ar": ("بالعربية فقط", "en arabe seulement", "in Arabic only"),
        "only.fr": ("بالفرنسية فقط", "en français seulement", "in French only"),
        "only.en": ("بالإنجليزية فقط", "en anglais seulement", "in English only"),
        "annex": (
            "ملحق: منسقو ومقررو الورشات", "Annexe : coordinateurs et rapporteurs des ateliers",
            "Annex: workshop coordinators and rapporteurs"
        ),
        "workshop": ("الورشة", "Atelier", "Workshop"),
        "role": ("الصفة", "Rôle", "Role"),
        "person": ("الاسم", "Nom", "Name"),
        "coordinator": ("منسق(ة)", "Coordination", "Coordinator"),
        "rapporteur": ("مقرر(ة)", "Rapporteur", "Rapporteur"),
        "dates": ("التاريخ", "Dates", "Dates"),
        "format": ("الصيغة", "Format", "Format"),
        "venue": ("المكان", "Lieu", "Venue"),
        "platform": ("المنصة", "Plateforme", "Platform"),
        "organizers": ("المنظمون والشركاء", "Organisateurs et partenaires", "Organisers and partners"),
        "total": ("المجموع", "Total", "Total"),
        "implemented-share": (
            "نسبة التوصيات المنجزة", "Part des recommandations mises en œuvre",
            "Share of recommendations implemented"
        ),
        "draft": ("مسودة", "Brouillon", "Draft"),
        "submitted": ("مقدمة", "Soumise", "Submitted"),
        "adopted": ("معتمدة", "Adoptée", "Adopted"),
        "rejected": ("مرفوضة", "Rejetée", "Rejected"),
        "merged": ("مدمجة", "Fusionnée", "Merged"),
        "in_progress": ("قيد التنفيذ", "En cours", "In progress"),
        "implemented": ("منجزة", "Mise en œuvre", "Implemented"),
        "in_person": ("حضوري", "Présentiel", "In person"),
        "virtual": ("عن بعد", "À distance", "Virtual"),
        "hybrid": ("هجين", "Hybride", "Hybrid"),
        "program.title": ("البرنامج", "Programme", "Programme"),
        "time": ("التوقيت", "Horaire", "Time"),
        "session": ("الجلسة", "Séance", "Session"),
        "room": ("القاعة", "Salle", "Room"),
        "people": ("المتدخلون", "Intervenants", "People"),
        "day": ("اليوم", "Jour", "Day"),
        "attendance.title": ("الحضور", "Participation", "Attendance"),
        "by-status": ("حسب حالة التسجيل", "Par statut d'inscription", "By registration status"),
        "by-mode": ("حسب صيغة الحضور", "Par mode de participation", "By attendance mode"),
        "by-category": ("حسب الفئة", "Par catégorie", "By category"),
        "by-kind": ("حسب نوع الجماعة", "Par type de collectivité", "By type of collectivity"),
        "by-region": ("حسب الجهة", "Par région", "By region"),
        "by-day": ("الحاضرون حسب اليوم", "Présents par jour", "Checked in per day"),
        "participants": ("لائحة المشاركين", "Liste des participants", "List of participants"),
        "name": ("الاسم", "Nom", "Name"),
        "category": ("الفئة", "Catégorie", "Category"),
        "mode": ("صيغة الحضور", "Mode", "Mode"),
        "affiliation": ("الانتماء", "Rattachement", "Affiliation"),
        "confirmed": ("مؤكد", "Confirmée", "Confirmed"),
        "waitlisted": ("في لائحة الانتظار", "En liste d'attente", "Waitlisted"),
        "pending_approval": ("في انتظار الموافقة", "En attente de validation", "Pending approval"),
        "cancelled": ("ملغى", "Annulée", "Cancelled"),
        "online": ("عن بعد", "En ligne", "Online"),
        "actor.region": ("الجهات", "Régions", "Regions"),
        "actor.prefecture": ("العمالات", "Préfectures", "Prefectures"),
        "actor.province": ("الأقاليم", "Provinces", "Provinces"),
        "actor.commune": ("الجماعات", "Communes", "Communes"),
        "actor.state": ("مصالح الدولة", "Services de l'État", "State services"),
        "actor.partner": ("الشركاء", "Partenaires", "Partners"),
        "actor.civil_society": ("المجتمع المدني", "Société civile", "Civil society"),
        "actor.private_sector": ("القطاع الخاص", "Secteur privé", "Private sector"),
    ]

    static func text(_ key: String, _ language: String) -> String {
        guard let entry = table[key] else { return key }
        switch language {
        case "ar": return entry.ar
        case "fr": return entry.fr
        default: return entry.en
        }
    }
}
