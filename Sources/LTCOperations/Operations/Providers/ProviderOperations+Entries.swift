/// Institutions, agreements, caregivers, enrolments, service logs, settlement, budgets and cash.
enum ProviderOperations {
    static var entries: [CatalogueEntry] {
        [
            
        ]
    }
}
