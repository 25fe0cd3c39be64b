extension OperationCatalogue {
    /// Every operation of ltc. Each call builds a catalogue of its own: a
    /// worker thread that owns its catalogue shares no reference counts with
    /// the others.
    public static func standard() -> OperationCatalogue {
        OperationCatalogue(AssessmentOperations.entries + RegistryOperations.entries + CaseOperations.entries
                           + CaseReviewOperations.entries + ProviderOperations.entries + SupervisionOperations.entries + MonitoringOperations.entries + AccessOperations.entries)
    }
}

/// Assessment instruments and scoring.
enum AssessmentOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(ListForms.self), CatalogueEntry(GetForm.self), CatalogueEntry(FormQuestionnaire.self),
            CatalogueEntry(CheckForm.self), CatalogueEntry(ScoreAssessment.self),
        ]
    }
}

/// Schemes, insured people, staff and assessors.
enum RegistryOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(LoadScheme.self), CatalogueEntry(ListSchemes.self), CatalogueEntry(GetScheme.self),
            CatalogueEntry(AddPerson.self), CatalogueEntry(ImportPeople.self), CatalogueEntry(GetPerson.self), CatalogueEntry(ListPeople.self),
            CatalogueEntry(AddStaff.self), CatalogueEntry(ListStaff.self),
            CatalogueEntry(AddAssessor.self), CatalogueEntry(ListAssessors.self),
        ]
    }
}

/// Who may reach ltc: the credentials of a network front door, and the
/// deactivation of staff, assessors and institutions; and the audit trail's check.
enum AccessOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(IssueCredential.self), CatalogueEntry(ListCredentials.self), CatalogueEntry(RevokeCredential.self),
            CatalogueEntry(DeactivateStaff.self), CatalogueEntry(DeactivateAssessor.self), CatalogueEntry(DeactivateInstitution.self),
            CatalogueEntry(VerifyAudit.self),
        ]
    }
}
