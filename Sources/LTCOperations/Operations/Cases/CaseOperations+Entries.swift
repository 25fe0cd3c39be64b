/// The case lifecycle, its attributes, benefits and fund projections.
enum CaseOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(ListTransitions.self),
        ]
    }
}
