import LTCCore

/// An assessment instrument, loaded from a data file in `AssessmentForms/`:
/// its items and options, its dimensions and bands, its grades and how
/// dimensions combine into a grade (a table of levels, or a total and
/// thresholds), and the conditions and adjustments that need inputs beyond
/// item scores.
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
    public let grading: Grading
    /// Inputs that are not items (coma, diagnoses, age); empty for most forms.
    public let conditions: [Condition]
    /// Groups of items answered as frequencies (NBA module 5).
    public let groups: [CountGroup]
    /// Rules applied after grading, in form order.
    public let adjustments: [Adjustment]
    /// Whether a higher score means more capacity (the national standard,
    /// Barthel, GB/T 42195-2022) or more impairment (the NBA).
    public let higherIsWorse: Bool
    /// The form file as loaded (validated), returned by `forms.get`.
    public let document: JSONValue

    private let itemPositions: [String: Int]
    private let dimensionPositions: [String: Int]
    /// Positions derived from the fields above, so that scoring looks nothing up by name.
    let itemDimensions: [Int]
    /// Per item: its options' scores, and its best score.
    let optionScores: [[Int]]
    let itemMaxima: [Int]
    let gradingRowPosition: Int
    let gradingColumnPositions: [Int]
    /// The fixed wording of this form's explanations, derived from the fields
    /// above, for forms scored on the plain path (see ``isPlain``).
    let phrases: ExplanationPhrases?
    /// A plain form has option items only and a grading table, and no
    /// conditions or adjustments: it is scored on a path tuned for speed.
    let isPlain: Bool
    /// Grade levels in ascending order.
    let gradeLevels: [Int]

    /// Builds a form from parts that have already been validated; use
    /// ``AssessmentForm/decode(json:source:)`` to load and validate a form file.
    init(id: String, version: String, title: LocalizedText, source: String,
         dimensions: [Dimension], items: [Item], grades: [Grade], grading: Grading,
         conditions: [Condition] = [], groups: [CountGroup] = [], adjustments: [Adjustment] = [],
         higherIsWorse: Bool = false, document: JSONValue) {
        self.id = id
        self.version = version
        self.title = title
        self.source = source
        self.dimensions = dimensions
        self.items = items
        let grades = grades.sorted { $0.level < $1.level }
        self.grades = grades
        self.grading = grading
        self.conditions = conditions
        self.groups = groups
        self.adjustments = adjustments
        self.document = document
        self.higherIsWorse = higherIsWorse
        gradeLevels = grades.map(\.level)
        itemPositions = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($0.element.id, $0.offset) })
        let dimensionPositions = Dictionary(uniqueKeysWithValues: dimensions.enumerated().map { ($0.element.id, $0.offset) })
        self.dimensionPositions = dimensionPositions
        itemDimensions = items.map { dimensionPositions[$0.dimension]! }
        optionScores = items.map { $0.options.map(\.score) }
        itemMaxima = items.map(\.maximumScore)
        let table = grading.table
        gradingRowPosition = table.map { dimensionPositions[$0.rowDimension]! } ?? 0
        gradingColumnPositions = table?.columnDimensions.map { dimensionPositions[$0]! } ?? []
        isPlain = table != nil && !higherIsWorse && conditions.isEmpty && groups.isEmpty && adjustments.isEmpty
            && items.allSatisfy { $0.group == nil && $0.when.isEmpty }
        phrases = isPlain ? ExplanationPhrases(dimensions: dimensions, items: items, grades: grades, grading: table!) : nil
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

    public func condition(_ id: String) -> Condition? {
        conditions.first { $0.id == id }
    }

    public func group(_ id: String) -> CountGroup? {
        groups.first { $0.id == id }
    }

    public func grade(_ level: Int) -> Grade? {
        grades.first { $0.level == level }
    }

    /// The items that count towards a dimension, in form order.
    public func items(in dimension: String) -> [Item] {
        items.filter { $0.dimension == dimension }
    }
}
