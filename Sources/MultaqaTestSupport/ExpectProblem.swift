import MultaqaAPIClient
import Testing

/// Expects `output` to be a problem answer with `status`, as every refusal of the API is: an
/// `application/problem+json` body (the only one the client decodes a problem from) with a type,
/// a title, the status again and the request's id. Returns the problem for further checks.
@discardableResult
package func expectProblem(
    in output: some Sendable, status: Int, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Components.Schemas.Problem? {
    guard let (code, answer) = Answer.problem(output) else {
        Issue.record("expected a \(status) problem, got \(output)", sourceLocation: sourceLocation)
        return nil
    }
    #expect(code == status, "\(answer)", sourceLocation: sourceLocation)
    let problem = try answer.body.applicationProblemJson
    #expect(problem.status == status, sourceLocation: sourceLocation)
    #expect(!problem._type.isEmpty && !problem.title.isEmpty, sourceLocation: sourceLocation)
    #expect(problem.requestId != nil, sourceLocation: sourceLocation)
    return problem
}
