import LTCOperations

/// The commands of institutions, agreements, caregivers, enrolments, logs, settlement, budgets and cash.
enum ProviderSpellings {
    static let all: [CommandSpelling] = [
    ]
}
