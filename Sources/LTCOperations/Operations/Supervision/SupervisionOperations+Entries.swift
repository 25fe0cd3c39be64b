/// Violations, credit, inspections, complaints, performance and the fund report.
enum SupervisionOperations {
    static var entries: [CatalogueEntry] {
        [
            
        ]
    }
}
