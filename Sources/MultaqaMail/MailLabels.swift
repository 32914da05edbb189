import Foundation
import MultaqaDomain

/// Every word a mail says, in Arabic, French and English. `{event}` and `{position}` are
/// replaced by the event's title and the place on the waiting list.
struct MailLabels {
    let language: Language

    private func pick(_ ar: String, _ fr: String, _ en: String) -> String {
        switch language {
        case .ar: ar
        case .fr: fr
        case .en: en
        }
    }

    /// The words before and after the attendee's name, which the HTML isolates (`<bdi>`) so that
    /// a Latin name in an Arabic sentence, or the reverse, keeps its place.
    func greeting(_ name: String?) -> (before: String, name: String, after: String) {
        guard let name, !name.isEmpty else { return (pick("مرحبًا", "Bonjour", "Hello"), "", pick("،", ",", ",")) }
        return (pick("مرحبًا ", "Bonjour ", "Hello "), name, pick("،", ",", ","))
    }

    /// The subject and the first paragraph of a kind of mail.
    func opening(_ kind: NotificationKind, status: RegistrationStatus) -> (subject: String, lead: String) {
        switch (kind, status) {
        case (.certificateIssued, _):
            (
                pick(
                    "شهادة حضوركم: {event}", "Votre attestation de participation : {event}",
                    "Your certificate of attendance: {event}"),
                pick(
                    "شكرًا على مشاركتكم في {event}. شهادة حضوركم جاهزة، وعليها رمز يتيح لأي جهة التحقق منها.",
                    "Merci d'avoir participé à {event}. Votre attestation de participation est prête ; "
                        + "son code permet à quiconque de la vérifier.",
                    "Thank you for attending {event}. Your certificate of attendance is ready; its code lets anyone verify it.")
            )
        case (.workshopsAllocated, _):
            (
                pick("ورشاتكم: {event}", "Vos ateliers : {event}", "Your workshops: {event}"),
                pick(
                    "وزّع المنظمون مقاعد ورشات {event} حسب ترتيب اختيارات المشاركين. ورشاتكم أدناه؛ "
                        + "وإن غابت ورشة رتّبتموها، فصفحة تسجيلكم تشرح السبب.",
                    "Les organisateurs ont réparti les places des ateliers de {event} selon les choix classés des participants. "
                        + "Vos ateliers sont ci-dessous ; s'il manque un atelier que vous aviez classé, "
                        + "la page de votre inscription explique pourquoi.",
                    "The organisers have allocated the seats in the workshops of {event} from the attendees' rankings. "
                        + "Your workshops are below; if one you ranked is missing, your registration page explains why.")
            )
        case (.registrationReceived, .waitlisted):
            (
                pick("قائمة الانتظار: {event}", "Liste d'attente : {event}", "Waiting list: {event}"),
                pick(
                    "{event} مكتمل حاليًا. أنتم في قائمة الانتظار، في المرتبة {position}. سنراسلكم إذا تحرّر مقعد.",
                    "{event} est complet pour l'instant. Vous êtes sur la liste d'attente, en position {position}. "
                        + "Nous vous écrirons si une place se libère.",
                    "{event} is full for now. You are on the waiting list, in position {position}. "
                        + "We will write to you if a seat becomes free.")
            )
        case (.registrationReceived, .pendingApproval):
            (
                pick(
                    "تم استلام طلب التسجيل: {event}", "Demande d'inscription reçue : {event}",
                    "Registration request received: {event}"),
                pick(
                    "تم استلام طلب تسجيلكم في {event}، وهو في انتظار موافقة المنظمين. سنراسلكم بقرارهم.",
                    "Votre demande d'inscription à {event} est bien reçue ; elle attend l'accord des organisateurs. "
                        + "Nous vous écrirons leur décision.",
                    "Your request to register for {event} was received and awaits the organisers' approval. "
                        + "We will write to you with their decision.")
            )
        case (.registrationReceived, _):
            (
                pick("تأكيد التسجيل: {event}", "Inscription confirmée : {event}", "Registration confirmed: {event}"),
                pick(
                    "تم تأكيد تسجيلكم في {event}.", "Votre inscription à {event} est confirmée.",
                    "Your registration for {event} is confirmed.")
            )
        case (.waitlistPromoted, _):
            (
                pick("تحرّر مقعد لكم: {event}", "Une place s'est libérée : {event}", "A seat is yours: {event}"),
                pick(
                    "تحرّر مقعد في {event}: تسجيلكم مؤكد الآن.",
                    "Une place s'est libérée à {event} : votre inscription est maintenant confirmée.",
                    "A seat became free at {event}: your registration is now confirmed.")
            )
        case (.registrationApproved, _):
            (
                pick("تمت الموافقة على تسجيلكم: {event}", "Inscription acceptée : {event}", "Registration approved: {event}"),
                pick(
                    "وافق المنظمون على تسجيلكم في {event}.", "Les organisateurs ont accepté votre inscription à {event}.",
                    "The organisers approved your registration for {event}.")
            )
        case (.registrationRejected, _):
            (
                pick("بخصوص طلب تسجيلكم: {event}", "Votre demande d'inscription : {event}", "Your registration request: {event}"),
                pick(
                    "نأسف، لم يتمكن المنظمون من قبول تسجيلكم في {event}.",
                    "Nous sommes désolés : les organisateurs n'ont pas pu retenir votre inscription à {event}.",
                    "We are sorry: the organisers could not accept your registration for {event}.")
            )
        case (.registrationCancelled, _):
            (
                pick("إلغاء التسجيل: {event}", "Inscription annulée : {event}", "Registration cancelled: {event}"),
                pick(
                    "تم إلغاء تسجيلكم في {event}.", "Votre inscription à {event} est annulée.",
                    "Your registration for {event} is cancelled.")
            )
        case (.manageLink, _):
            (
                pick("رابط تسجيلكم: {event}", "Le lien de votre inscription : {event}", "Your registration link: {event}"),
                pick(
                    "إليكم رابطًا جديدًا لإدارة تسجيلكم في {event}. الرابط السابق لم يعد صالحًا.",
                    "Voici un nouveau lien pour gérer votre inscription à {event}. L'ancien lien ne fonctionne plus.",
                    "Here is a new link to manage your registration for {event}. The previous link no longer works.")
            )
        case (.eventReminder, _):
            (
                pick("تذكير: {event} غدًا", "Rappel : {event} demain", "Reminder: {event} tomorrow"),
                pick(
                    "نذكّركم بأن {event} يبدأ غدًا.", "Nous vous rappelons que {event} commence demain.",
                    "A reminder that {event} starts tomorrow.")
            )
        }
    }

    var when: String { pick("الموعد", "Quand", "When") }
    var place: String { pick("المكان", "Lieu", "Where") }
    var attendance: String { pick("طريقة الحضور", "Participation", "Attendance") }
    var workshops: String { pick("الورشات", "Ateliers", "Workshops") }
    var checkInCode: String { pick("رمز الدخول", "Code d'accueil", "Check-in code") }
    var checkInNote: String {
        pick("قدّموا هذا الرمز عند الدخول.", "Présentez ce code à l'accueil.", "Show this code at the entrance.")
    }
    var manage: String { pick("إدارة تسجيلي", "Gérer mon inscription", "Manage my registration") }
    var manageNote: String {
        pick(
            "هذا الرابط شخصي فلا تشاركوه: به تطّلعون على تسجيلكم وتعدّلونه أو تلغونه.",
            "Ce lien est personnel, ne le transmettez pas : il permet de voir, modifier ou annuler votre inscription.",
            "This link is personal, do not share it: it lets you see, change or cancel your registration.")
    }
    var join: String { pick("الالتحاق عن بعد", "Rejoindre en ligne", "Join online") }
    var certificate: String { pick("شهادة الحضور", "Mon attestation", "My certificate") }
    var certificateNote: String {
        pick(
            "في هذه الصفحة تحمّلون الشهادة بالعربية أو بالفرنسية أو باللغتين، ويتحقق منها من تقدّمونها له.",
            "Sur cette page, téléchargez l'attestation en arabe, en français ou dans les deux langues ; "
                + "qui la reçoit y vérifie qu'elle est authentique.",
            "On this page, download the certificate in Arabic, French or both; whoever receives it checks it there.")
    }
    var calendarNote: String {
        pick(
            "تجدون الموعد في المرفق لإضافته إلى تقويمكم.", "Le rendez-vous est joint à ce message, à ajouter à votre agenda.",
            "The calendar entry is attached, to add to your calendar.")
    }
    var footer: String {
        pick(
            "رسالة آلية أرسلها ملتقى نيابة عن المنظمين.", "Message automatique envoyé par Multaqa pour les organisateurs.",
            "An automatic message sent by Multaqa for the organisers.")
    }

    /// Between a label and its value.
    /// French puts a space, one that never breaks the line, before a colon and inside « ».
    var colon: String { pick(": ", "\u{00A0}: ", ": ") }
    var listSeparator: String { pick("، ", ", ", ", ") }
    /// Where a value of several lines goes on in plain text, under the first.
    var continuation: String { "  " }

    /// A title inside a sentence, in the language's quotation marks.
    func quoted(_ title: String) -> String {
        pick("«\(title)»", "«\u{00A0}\(title)\u{00A0}»", "“\(title)”")
    }

    func mode(_ mode: AttendanceMode) -> String {
        switch mode {
        case .inPerson: pick("حضوريًا", "En présentiel", "In person")
        case .online: pick("عن بعد", "En ligne", "Online")
        }
    }

    /// The locale dates are written in: Moroccan Arabic and French write digits as 0–9.
    var locale: Locale {
        switch language {
        case .ar: Locale(identifier: "ar_MA")
        case .fr: Locale(identifier: "fr_FR")
        case .en: Locale(identifier: "en_GB")
        }
    }
}
