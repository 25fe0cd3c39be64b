/// What makes a grade hold up and keeps the people behind providers honest: recognition, evidence, change of condition, audits, findings, bars; and care plans.
enum CaseReviewOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(RecognizeResult.self), CatalogueEntry(AttachEvidence.self), CatalogueEntry(ListEvidence.self),
            CatalogueEntry(ReportConditionChange.self), CatalogueEntry(DrawAudits.self), CatalogueEntry(ListFindings.self),
            CatalogueEntry(BarPerson.self), CatalogueEntry(ListBars.self),
            CatalogueEntry(ShowPlan.self), CatalogueEntry(ListPlanVersions.self), CatalogueEntry(ProposePlan.self), CatalogueEntry(SetPlan.self),
            CatalogueEntry(ConfirmPlan.self),
        ]
    }
}
