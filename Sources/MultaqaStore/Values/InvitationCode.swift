import MultaqaDomain

/// Invitation codes organisers hand out: short, upper-case, unambiguous.
enum InvitationCode {
    static func generate() -> String {
        let code = CheckInCode.generate()
        return "INV-" + code
    }
}
