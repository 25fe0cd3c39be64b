import LTCOperations

/// The commands of review, evidence, bars and care plans.
enum CaseReviewSpellings {
    static let all: [CommandSpelling] = [
    ]
}
