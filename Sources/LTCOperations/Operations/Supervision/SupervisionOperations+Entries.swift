/// Violations, credit, inspections, complaints, performance and the fund report.
enum SupervisionOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(RecordViolation.self), CatalogueEntry(ListViolations.self), CatalogueEntry(GetCredit.self),
            CatalogueEntry(RecordInspection.self), CatalogueEntry(DrawInspections.self), CatalogueEntry(InspectionResults.self),
            CatalogueEntry(RecordComplaint.self), CatalogueEntry(AssessPerformance.self), CatalogueEntry(ReportFund.self),
            CatalogueEntry(InspectionCoverage.self),
            CatalogueEntry(NotifyPenalty.self), CatalogueEntry(GetPenaltyNotice.self), CatalogueEntry(ListPenaltyNotices.self),
            CatalogueEntry(DefendPenalty.self), CatalogueEntry(DecidePenalty.self), CatalogueEntry(MarkTypicalCase.self),
            CatalogueEntry(PublishedViolations.self), CatalogueEntry(PublishedExits.self), CatalogueEntry(SelfReportLogs.self),
            CatalogueEntry(AddFundIncome.self), CatalogueEntry(FundNoticeOperation.self),
        ]
    }
}
