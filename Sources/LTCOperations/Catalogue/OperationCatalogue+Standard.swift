extension OperationCatalogue {
    /// Every operation of ltc. Each call builds a catalogue of its own: a
    /// worker thread that owns its catalogue shares no reference counts with
    /// the others.
    public static func standard() -> OperationCatalogue {
        OperationCatalogue([
            // Assessment instruments and scoring.
            CatalogueEntry(ListForms.self),
            CatalogueEntry(GetForm.self),
            CatalogueEntry(FormQuestionnaire.self),
            CatalogueEntry(CheckForm.self),
            CatalogueEntry(ScoreAssessment.self),
            // Cases.
            CatalogueEntry(ListTransitions.self),
        ])
    }
}
