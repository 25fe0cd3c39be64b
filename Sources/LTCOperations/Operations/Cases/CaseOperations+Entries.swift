/// The case lifecycle, its attributes, benefits and fund projections.
enum CaseOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(OpenCase.self), CatalogueEntry(CheckEligibility.self), CatalogueEntry(AssignAssessors.self),
            CatalogueEntry(DrawAssessors.self), CatalogueEntry(AssessCase.self), CatalogueEntry(SaveDraft.self), CatalogueEntry(GetDraft.self),
            CatalogueEntry(DetermineGrade.self),
            CatalogueEntry(RecordObjection.self), CatalogueEntry(ConfirmGrade.self), CatalogueEntry(SuspendCase.self),
            CatalogueEntry(ResumeCase.self), CatalogueEntry(TerminateCase.self),
            CatalogueEntry(GetCase.self), CatalogueEntry(WriteLetter.self), CatalogueEntry(DeliverLetter.self), CatalogueEntry(ListCases.self),
            CatalogueEntry(ChooseMode.self), CatalogueEntry(SetResidence.self), CatalogueEntry(ChooseBonus.self), CatalogueEntry(AddSubsidy.self),
            CatalogueEntry(GetEntitlement.self), CatalogueEntry(QuoteBenefit.self), CatalogueEntry(ProjectFund.self),
            CatalogueEntry(ListTransitions.self),
        ]
    }
}
