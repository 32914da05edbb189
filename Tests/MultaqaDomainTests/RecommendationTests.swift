import Foundation
import MultaqaDomain
import Testing

@Suite("Recommendation lifecycle")
struct RecommendationTests {
    let event = UUID()

    @Test("the lifecycle allows exactly its moves and names them when refusing")
    func moves() throws {
        var recommendation = Recommendation(eventID: event, text: LocalizedText(ar: "توصية"))
        #expect(throws: DomainError.self) { try recommendation.transition(to: .adopted, progress: nil, mergedInto: nil) }
        recommendation = try recommendation.transition(to: .submitted, progress: nil, mergedInto: nil)
        recommendation = try recommendation.transition(to: .adopted, progress: nil, mergedInto: nil)
        let adopted = recommendation
        let refusal = #expect(throws: DomainError.self) {
            try adopted.transition(to: .implemented, progress: nil, mergedInto: nil)
        }
        #expect(
            refusal
                == .conflict(
                    rule: "recommendation_status_transition",
                    detail: "a recommendation that is adopted can become in_progress, not implemented",
                    allowed: ["in_progress"]))
        recommendation = try recommendation.transition(to: .inProgress, progress: 10, mergedInto: nil)
        recommendation = try recommendation.transition(to: .inProgress, progress: 55, mergedInto: nil)
        #expect(recommendation.progress == 55)
        #expect(throws: DomainError.self) { try recommendation.transition(to: .inProgress, progress: 101, mergedInto: nil) }
        recommendation = try recommendation.transition(to: .implemented, progress: nil, mergedInto: nil)
        #expect(recommendation.progress == 100 && recommendation.status.next.isEmpty)
    }

    @Test("merging needs another recommendation; labels are R-01 … R-99, R-100")
    func mergeAndLabels() throws {
        let submitted = Recommendation(eventID: event, text: LocalizedText(fr: "Texte"), status: .submitted)
        #expect(throws: DomainError.self) { try submitted.transition(to: .merged, progress: nil, mergedInto: nil) }
        #expect(throws: DomainError.self) { try submitted.transition(to: .merged, progress: nil, mergedInto: submitted.id) }
        let other = UUID()
        #expect(try submitted.transition(to: .merged, progress: nil, mergedInto: other).mergedInto == other)
        #expect(Recommendation(eventID: event, number: 3, text: .init(fr: "x")).label == "R-03")
        #expect(Recommendation(eventID: event, number: 100, text: .init(fr: "x")).label == "R-100")
    }

    @Test("text is required, tags are deduplicated case-insensitively, dates are checked; overdue only while followed up")
    func rules() throws {
        #expect(throws: DomainError.self) { try Recommendation(eventID: event, text: LocalizedText()).validated() }
        #expect(throws: DomainError.self) {
            try Recommendation(eventID: event, text: .init(fr: "x"), dueDate: "2024-02-31x").validated()
        }
        let valid = try Recommendation(eventID: event, text: .init(ar: " تعزيز التعاون "), tags: ["PACT", "pact", "Axe 2"])
            .validated()
        #expect(valid.text.ar == "تعزيز التعاون")
        #expect(valid.tags == ["PACT", "Axe 2"])
        let due = Recommendation(eventID: event, text: .init(fr: "x"), dueDate: "2023-01-01", status: .inProgress)
        #expect(due.isOverdue(today: "2024-01-01"))
        var done = due
        done.status = .implemented
        #expect(!done.isOverdue(today: "2024-01-01"))
    }
}
