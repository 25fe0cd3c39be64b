/// An assessment instrument, loaded from a data file in `AssessmentForms/`:
/// its items and options, its dimensions and bands, its grades and the table
/// that combines dimension levels into a grade.
///
/// Forms are never written in Swift; see `AssessmentForms/README.md` for the
/// file format, and ``FormCatalog`` for where forms are found.
///
/// ```swift
/// let form = try FormCatalog.load().form(id: "cn-ltc-2021")
/// let result = try form.score(["adl.eating": 10, /* … all 17 items … */])
/// result.grade.level
/// ```
///
/// A form is immutable and shared: one instance serves every assessment scored on it.
public final class AssessmentForm: Sendable {
    public let id: String
    public let version: String
    public let title: LocalizedText
    /// Where the instrument comes from (document, article, edition).
    public let source: String
    public let dimensions: [Dimension]
    /// Items in the order the form lists them.
    public let items: [Item]
    public let grades: [Grade]
    public let grading: GradingTable

    private let itemPositions: [String: Int]
    private let dimensionPositions: [String: Int]
    /// Positions derived from the fields above, so that scoring looks nothing up by name.
    let itemDimensions: [Int]
    /// Per item: its options' scores, and its best score.
    let optionScores: [[Int]]
    let itemMaxima: [Int]
    let gradingRowPosition: Int
    let gradingColumnPositions: [Int]
    /// The fixed wording of this form's explanations, derived from the fields above.
    let phrases: ExplanationPhrases

    /// Builds a form from parts that have already been validated; use
    /// ``AssessmentForm/decode(json:source:)`` to load and validate a form file.
    init(id: String, version: String, title: LocalizedText, source: String,
         dimensions: [Dimension], items: [Item], grades: [Grade], grading: GradingTable) {
        self.id = id
        self.version = version
        self.title = title
        self.source = source
        self.dimensions = dimensions
        self.items = items
        let grades = grades.sorted { $0.level < $1.level }
        self.grades = grades
        self.grading = grading
        itemPositions = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.element.id, $0.offset) })
        let dimensionPositions = Dictionary(uniqueKeysWithValues: dimensions.enumerated().map { ($0.element.id, $0.offset) })
        self.dimensionPositions = dimensionPositions
        itemDimensions = items.map { dimensionPositions[$0.dimension]! }
        optionScores = items.map { $0.options.map(\.score) }
        itemMaxima = items.map(\.maximumScore)
        gradingRowPosition = dimensionPositions[grading.rowDimension]!
        gradingColumnPositions = grading.columnDimensions.map { dimensionPositions[$0]! }
        phrases = ExplanationPhrases(dimensions: dimensions, items: items, grades: grades, grading: grading)
    }

    public func item(_ id: String) -> Item? {
        itemPositions[id].map { items[$0] }
    }

    func itemPosition(_ id: String) -> Int? {
        itemPositions[id]
    }

    public func dimension(_ id: String) -> Dimension? {
        dimensionPositions[id].map { dimensions[$0] }
    }

    public func grade(_ level: Int) -> Grade? {
        grades.first { $0.level == level }
    }

    /// The items that count towards a dimension, in form order.
    public func items(in dimension: String) -> [Item] {
        items.filter { $0.dimension == dimension }
    }
}
