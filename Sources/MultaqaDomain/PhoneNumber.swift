import Foundation

public enum PhoneNumber {
    /// Digits with an optional leading +, spaces, dots, dashes and parentheses; 6 to 20 digits.
    public static func validated(_ value: String?, field: String, into violations: inout [FieldViolation]) -> String? {
        guard let value else { return nil }
        let phone = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if phone.isEmpty { return nil }
        let digits = phone.filter(\.isASCII).filter(\.isNumber).count
        let allowed = phone.enumerated().allSatisfy { index, character in
            (character.isASCII && character.isNumber) || " .-()".contains(character) || (index == 0 && character == "+")
        }
        guard allowed, (6...20).contains(digits), phone.count <= 40 else {
            violations.append(FieldViolation(field: field, message: "must be a phone number such as +212 5 37 00 00 00"))
            return nil
        }
        return phone
    }
}
