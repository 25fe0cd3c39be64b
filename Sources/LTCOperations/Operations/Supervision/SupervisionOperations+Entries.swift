/// Violations, credit, inspections, complaints, performance and the fund report.
enum SupervisionOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(RecordViolation.self), CatalogueEntry(ListViolations.self), CatalogueEntry(GetCredit.self),
            CatalogueEntry(RecordInspection.self), CatalogueEntry(DrawInspections.self), CatalogueEntry(InspectionResults.self),
            CatalogueEntry(RecordComplaint.self), CatalogueEntry(AssessPerformance.self), CatalogueEntry(ReportFund.self),
        ]
    }
}
