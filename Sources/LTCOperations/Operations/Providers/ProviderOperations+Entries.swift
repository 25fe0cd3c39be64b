/// Institutions, agreements, caregivers, enrolments, service logs, settlement, budgets and cash.
enum ProviderOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(RegisterInstitution.self), CatalogueEntry(ListInstitutions.self),
            CatalogueEntry(ApplyForAgreement.self), CatalogueEntry(ReviewAgreement.self), CatalogueEntry(SignAgreement.self),
            CatalogueEntry(AmendAgreement.self), CatalogueEntry(SuspendAgreement.self), CatalogueEntry(ResumeAgreement.self),
            CatalogueEntry(TerminateAgreement.self), CatalogueEntry(ListExits.self), CatalogueEntry(ListAgreements.self),
            CatalogueEntry(TransferClients.self),
            CatalogueEntry(RegisterCaregiver.self), CatalogueEntry(ListCaregivers.self),
            CatalogueEntry(AddEnrolment.self), CatalogueEntry(ListEnrolments.self),
            CatalogueEntry(SubmitLogs.self), CatalogueEntry(CheckLogs.self), CatalogueEntry(WithdrawLogs.self), CatalogueEntry(ListLogs.self),
            CatalogueEntry(ListSubmissions.self), CatalogueEntry(LogsTemplate.self), CatalogueEntry(GetCatalogue.self),
            CatalogueEntry(RunSettlement.self), CatalogueEntry(GetSettlement.self), CatalogueEntry(GetStatement.self), CatalogueEntry(ListAdjustments.self),
            CatalogueEntry(SetBudget.self), CatalogueEntry(ListBudgets.self), CatalogueEntry(CloseBudgets.self), CatalogueEntry(GetBudgetClose.self),
            CatalogueEntry(RecordCashPayee.self), CatalogueEntry(RunCash.self), CatalogueEntry(ListCashPayments.self),
        ]
    }
}
