import LTCOperations

/// The commands of cases: `ltc case …`.
enum CaseSpellings {
    static let all: [CommandSpelling] = [
        CommandSpelling("case.transitions"),
    ]
}
