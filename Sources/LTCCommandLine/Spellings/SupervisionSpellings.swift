import LTCOperations

/// The commands of supervision: violations, credit, inspections, complaints, performance, the fund report.
enum SupervisionSpellings {
    static let all: [CommandSpelling] = [
    ]
}
