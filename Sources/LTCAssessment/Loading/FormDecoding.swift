import LTCCore

extension AssessmentForm {
    /// The value of `format` that this version of ltc reads.
    public static let fileFormat = "ltc-form/1"

    /// Reads and validates a form file's JSON, reporting every problem at once.
    ///
    /// Refused: unknown or missing fields, duplicate ids, option scores outside
    /// their dimension's range, items that together can exceed it, bands that
    /// overlap or leave gaps, band levels that are not 0, 1, 2, …, grading
    /// tables with missing rows, columns or undefined grades, and references
    /// to dimensions that do not exist.
    ///
    /// - Parameters:
    ///   - json: The parsed file.
    ///   - source: How to name the file in errors.
    public static func decode(json: JSONValue, source: String) throws(FormFileError) -> AssessmentForm {
        let log = JSONProblemLog()
        let form = FormDecoder(log: log, coverage: FormCoverageLog()).form(json)
        guard let form, log.problems.isEmpty else {
            throw FormFileError(file: source, problems: log.problems)
        }
        return form
    }

    /// Parses and validates form file text.
    public static func decode(text: [UInt8], source: String) throws(FormFileError) -> AssessmentForm {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw FormFileError(file: source, problems: [JSONProblem(path: .root, message: "not valid JSON: \(error)")])
        }
        return try decode(json: json, source: source)
    }
}

/// One pass over a form file's JSON. Each method reads one part, reports what
/// is wrong with it, and returns `nil` only when the part is unusable. What
/// the pass learns about score coverage goes to `coverage`, for `forms check`.
struct FormDecoder {
    let log: JSONProblemLog
    let coverage: FormCoverageLog

    func form(_ json: JSONValue) -> AssessmentForm? {
        let fields = [
            "$schema", "format", "id", "version", "title", "source", "description",
            "scores", "conditions", "dimensions", "groups", "items", "grades", "grading", "adjustments",
        ]
        guard let root = log.fields(of: json, at: .root, accepting: fields) else { return nil }
        if let format = root.string("format"), format != AssessmentForm.fileFormat {
            log.report(root.path.appending("format"), "unsupported format '\(format)'; this ltc reads '\(AssessmentForm.fileFormat)'")
        }
        _ = root.optionalString("description")
        _ = root.optionalString("$schema")
        let id = root.nonEmptyString("id")
        if let id, !Self.isValidID(id) {
            log.report(root.path.appending("id"), "'\(id)' is not a valid form id; use lower-case letters, digits, '-', '_' and '.'")
        }
        let version = root.nonEmptyString("version")
        let title = root.localizedText("title")
        let source = root.nonEmptyString("source")

        let direction = root.optionalString("scores") ?? "higherIsBetter"
        if !["higherIsBetter", "higherIsWorse"].contains(direction) {
            log.report(root.path.appending("scores"), "unknown direction '\(direction)'; accepted: higherIsBetter (the default), higherIsWorse")
        }
        let conditions = root.array("conditions", required: false).map { self.decodeConditions($0) } ?? []
        let located = root.array("dimensions").map { self.decodeDimensions($0) } ?? []
        let dimensions = located.map(\.dimension)
        let groups = root.array("groups", required: false).map { self.decodeGroups($0, dimensions: dimensions) } ?? []
        let items = root.array("items").map { self.decodeItems($0, dimensions: dimensions, groups: groups, conditions: conditions) } ?? []
        let grades = root.array("grades").map { self.decodeGrades($0) } ?? []
        let grading = root.fields("grading", accepting: ["rows", "columns", "cells", "total", "higherOf", "thresholds"]).flatMap {
            self.decodeGrading($0, dimensions: dimensions, grades: grades)
        }
        let adjustments = root.array("adjustments", required: false).map {
            self.decodeAdjustments($0, conditions: conditions, grades: grades)
        } ?? []

        checkCoverage(located, items: items, groups: groups, conditions: conditions, grading: grading, grades: grades)

        // Only a form with no problems is built: its indexes assume unique ids.
        guard log.problems.isEmpty, let id, let version, let title, let source, let grading else { return nil }
        return AssessmentForm(id: id, version: version, title: title, source: source,
                              dimensions: dimensions, items: items, grades: grades, grading: grading,
                              conditions: conditions, groups: groups, adjustments: adjustments,
                              higherIsWorse: direction == "higherIsWorse", document: json)
    }

    /// The widest dimension range and the most grading-table level combinations
    /// a form may have: scoring and explanations work on tables of that size.
    static let maximumRangeWidth = 10_000
    static let maximumLevelCombinations = 10_000
    /// The largest weighted points, threshold or points per occurrence a form may name.
    static let maximumPoints = Points(whole: 100_000)

    static func isValidID(_ id: String) -> Bool {
        id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    /// A number with at most two decimals (12.5, 4.3, 11.25), held exactly.
    func points(_ key: String, in fields: JSONFields, required: Bool = true) -> Points? {
        guard let value = fields.object[key] else {
            if required { log.report(fields.path.appending(key), "missing required field (number)") }
            return nil
        }
        guard let points = Points(json: value), points >= .zero, points <= Self.maximumPoints else {
            log.report(fields.path.appending(key), "expected a number from 0 to \(Self.maximumPoints) with at most two decimals, found \(value.typeName) \(value)")
            return nil
        }
        return points
    }

    // MARK: Dimensions and bands

    func decodeDimensions(_ elements: [(value: JSONValue, path: JSONPath)]) -> [(dimension: Dimension, path: JSONPath)] {
        if elements.isEmpty { log.report(.root.appending("dimensions"), "a form needs at least one dimension") }
        var seen: Set<String> = []
        return elements.compactMap { element -> (dimension: Dimension, path: JSONPath)? in
            guard let fields = log.fields(of: element.value, at: element.path,
                                          accepting: ["id", "name", "range", "bands"]) else { return nil }
            let id = fields.nonEmptyString("id")
            if let id, !seen.insert(id).inserted {
                log.report(fields.path.appending("id"), "duplicate dimension id '\(id)'")
            }
            let name = fields.localizedText("name")
            let range = fields.fields("range", accepting: ["min", "max"]).flatMap(decodeRange)
            let bands = fields.array("bands", required: false).map { decodeBands($0, at: fields.path.appending("bands"), range: range, dimension: id ?? "?") } ?? []
            guard let id, let name, let range else { return nil }
            return (Dimension(id: id, name: name, range: range, bands: bands), element.path)
        }
    }

    func decodeRange(_ fields: JSONFields) -> ClosedRange<Int>? {
        guard let min = fields.int("min"), let max = fields.int("max") else { return nil }
        guard min <= max else {
            log.report(fields.path, "min \(min) is greater than max \(max)")
            return nil
        }
        guard max - min <= Self.maximumRangeWidth else {
            log.report(fields.path, "\(min)–\(max) is wider than \(Self.maximumRangeWidth) points, the most ltc supports")
            return nil
        }
        return min...max
    }

    func decodeBands(_ elements: [(value: JSONValue, path: JSONPath)], at arrayPath: JSONPath, range: ClosedRange<Int>?,
                     dimension: String) -> [Band] {
        var bands: [(band: Band, path: JSONPath)] = []
        for element in elements {
            guard let fields = log.fields(of: element.value, at: element.path,
                                          accepting: ["level", "min", "max", "label", "points"]) else { continue }
            let level = fields.int("level")
            let scores = decodeRange(fields)
            let label = fields.localizedText("label")
            let points = points("points", in: fields, required: false)
            if let level, level < 0 { log.report(fields.path.appending("level"), "level \(level) is negative") }
            if let scores, let range, !(range.contains(scores.lowerBound) && range.contains(scores.upperBound)) {
                log.report(fields.path, "scores \(scores.lowerBound)–\(scores.upperBound) reach outside the dimension's range \(range.lowerBound)–\(range.upperBound)")
            }
            if let level, let scores, let label {
                bands.append((Band(level: level, scores: scores, label: label, points: points), fields.path))
            }
        }
        guard bands.count == elements.count else { return [] }
        if bands.isEmpty {
            log.report(arrayPath, "a dimension needs at least one band")
            return []
        }
        checkLevels(bands)
        checkOverlaps(bands, dimension: dimension)
        let weighted = bands.filter { $0.band.points != nil }
        if !weighted.isEmpty, weighted.count < bands.count {
            log.report(arrayPath, "either every band gives points or none does; \(bands.count - weighted.count) of \(bands.count) have no 'points'")
        }
        return bands.map(\.band)
    }

    /// Band levels must be exactly 0, 1, …, n-1: level is a position in the grading table.
    func checkLevels(_ bands: [(band: Band, path: JSONPath)]) {
        var seen: [Int: JSONPath] = [:]
        for (band, path) in bands {
            if let first = seen[band.level] {
                log.report(path.appending("level"), "duplicate band level \(band.level) (also at \(first))")
            } else {
                seen[band.level] = path
            }
        }
        let missing = (0..<bands.count).filter { seen[$0] == nil }
        if !missing.isEmpty, let path = bands.first?.path {
            log.report(path, "band levels must be 0 to \(bands.count - 1) with none missing; missing: \(missing.map(String.init).joined(separator: ", "))")
        }
    }

    /// No score may be in two bands.
    func checkOverlaps(_ bands: [(band: Band, path: JSONPath)], dimension: String) {
        let sorted = bands.sorted { $0.band.scores.lowerBound < $1.band.scores.lowerBound }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.band.scores.lowerBound <= previous.band.scores.upperBound {
            let shared = next.band.scores.clamped(to: previous.band.scores)
            log.report(next.path, "overlap: band level \(next.band.level) (\(next.band.scores.scoreText)) and band level \(previous.band.level) (\(previous.band.scores.scoreText)) both hold \(shared.scoreText)")
            coverage.overlaps.append((dimension, FormCoverage.Overlap(levels: [previous.band.level, next.band.level], scores: shared)))
        }
    }

    // MARK: Items and options

    func decodeItems(_ elements: [(value: JSONValue, path: JSONPath)], dimensions: [Dimension],
                     groups: [CountGroup], conditions: [Condition]) -> [Item] {
        if elements.isEmpty { log.report(.root.appending("items"), "a form needs at least one item") }
        var seen: Set<String> = []
        return elements.compactMap { element -> Item? in
            guard let fields = log.fields(of: element.value, at: element.path,
                                          accepting: ["id", "dimension", "group", "name", "guidance", "options", "points", "when", "derive"]) else { return nil }
            let id = fields.nonEmptyString("id")
            if let id, !seen.insert(id).inserted {
                log.report(fields.path.appending("id"), "duplicate item id '\(id)'")
            }
            let name = fields.localizedText("name")
            let guidance = fields.has("guidance") ? fields.localizedText("guidance") : nil
            let when = fields.array("when", required: false).map {
                decodeClauses($0, conditions: conditions, grades: nil, itemApplicability: true)
            } ?? []
            if fields.has("group") {
                var item = decodeCountItem(fields, id: id, name: name, when: when, groups: groups)
                item?.guidance = guidance
                return item
            }
            let dimensionID = fields.nonEmptyString("dimension")
            let dimension = dimensionID.flatMap { id in dimensions.first { $0.id == id } }
            if let dimensionID, dimension == nil {
                log.report(fields.path.appending("dimension"),
                           "unknown dimension '\(dimensionID)'; the form's dimensions: \(dimensions.map(\.id).joined(separator: ", "))")
            }
            if fields.has("points") {
                log.report(fields.path.appending("points"), "only items of a points group give points per occurrence")
            }
            let options = fields.array("options").map { decodeOptions($0, at: fields.path.appending("options"), range: dimension?.range) }
            let derivation = fields.fields("derive", accepting: ["form", "item", "atMost", "then", "else"], required: false).flatMap { derive -> Derivation? in
                guard let form = derive.nonEmptyString("form"), let item = derive.nonEmptyString("item"), let atMost = derive.int("atMost"),
                      let then = derive.int("then"), let otherwise = derive.int("else") else { return nil }
                for (key, score) in [("then", then), ("else", otherwise)] where !(options ?? []).contains(where: { $0.score == score }) {
                    log.report(derive.path.appending(key), "\(score) is not a score of the item's options")
                }
                return Derivation(form: form, item: item, atMost: atMost, then: then, otherwise: otherwise)
            }
            guard let id, let name, let dimensionID, let options else { return nil }
            return Item(id: id, dimension: dimensionID, name: name, options: options, when: when, derivation: derivation, guidance: guidance)
        }
    }

    func decodeOptions(_ elements: [(value: JSONValue, path: JSONPath)], at arrayPath: JSONPath, range: ClosedRange<Int>?) -> [ItemOption] {
        if elements.isEmpty { log.report(arrayPath, "an item needs at least one option") }
        var seen: Set<Int> = []
        return elements.compactMap { element -> ItemOption? in
            guard let fields = log.fields(of: element.value, at: element.path, accepting: ["score", "label"]) else { return nil }
            let score = fields.int("score")
            if let score {
                if !seen.insert(score).inserted {
                    log.report(fields.path.appending("score"), "duplicate option score \(score) in one item")
                }
                if let range, !range.contains(score) {
                    log.report(fields.path.appending("score"), "score \(score) is outside the dimension's range \(range.lowerBound)–\(range.upperBound)")
                }
            }
            let label = fields.localizedText("label")
            guard let score, let label else { return nil }
            return ItemOption(score: score, label: label)
        }
    }

    // MARK: Grades and the grading table

    func decodeGrades(_ elements: [(value: JSONValue, path: JSONPath)]) -> [Grade] {
        if elements.isEmpty { log.report(.root.appending("grades"), "a form needs at least one grade") }
        var seen: Set<Int> = []
        return elements.compactMap { element -> Grade? in
            guard let fields = log.fields(of: element.value, at: element.path, accepting: ["level", "label"]) else { return nil }
            let level = fields.int("level")
            if let level, !seen.insert(level).inserted {
                log.report(fields.path.appending("level"), "duplicate grade level \(level)")
            }
            let label = fields.localizedText("label")
            guard let level, let label else { return nil }
            return Grade(level: level, label: label)
        }
    }

    func decodeTable(_ fields: JSONFields, dimensions: [Dimension], grades: [Grade]) -> GradingTable? {
        for key in ["higherOf", "thresholds"] where fields.has(key) {
            log.report(fields.path.appending(key), "belongs to grading by total; a table has 'rows', 'columns' and 'cells'")
        }
        func dimension(_ id: String, at path: JSONPath) -> Dimension? {
            if let found = dimensions.first(where: { $0.id == id }) { return found }
            log.report(path, "unknown dimension '\(id)'; the form's dimensions: \(dimensions.map(\.id).joined(separator: ", "))")
            return nil
        }
        let rowID = fields.nonEmptyString("rows")
        let rows = rowID.flatMap { dimension($0, at: fields.path.appending("rows")) }

        var columnIDs: [String] = []
        var columns: [Dimension?] = []
        if let columnFields = fields.fields("columns", accepting: ["worstOf"], required: false),
           let elements = columnFields.array("worstOf")
        {
            if elements.isEmpty { log.report(columnFields.path.appending("worstOf"), "name at least one dimension, or leave out 'columns'") }
            for (value, path) in elements {
                guard let id = value.stringValue else {
                    log.report(path, "expected a dimension id (string), found \(value.typeName)")
                    continue
                }
                if id == rowID { log.report(path, "dimension '\(id)' is already the row dimension") }
                columnIDs.append(id)
                columns.append(dimension(id, at: path))
            }
        }

        guard let cellElements = fields.array("cells"), let rowID, let rows else { return nil }
        for dimension in [rows] + columns.compactMap({ $0 }) where dimension.bands.isEmpty {
            log.report(fields.path, "dimension '\(dimension.id)' has no bands, so it has no level for the table")
            return nil
        }
        let columnCount = columns.isEmpty ? 1 : columns.compactMap { $0?.levelCount }.max() ?? 1
        let gradeLevels = Set(grades.map(\.level))
        let cellsPath = fields.path.appending("cells")
        if cellElements.count != rows.levelCount {
            log.report(cellsPath, "expected \(rows.levelCount) rows, one per level of '\(rowID)', found \(cellElements.count)")
        }
        var cells: [[Int]] = []
        for (rowValue, rowPath) in cellElements {
            guard let rowCells = rowValue.arrayValue else {
                log.report(rowPath, "expected an array of grade levels, found \(rowValue.typeName)")
                continue
            }
            if rowCells.count != columnCount {
                let what = columns.isEmpty ? "a single column (no column dimensions)" : "\(columnCount) columns, one per level of \(columnIDs.joined(separator: "/"))"
                log.report(rowPath, "expected \(what), found \(rowCells.count)")
            }
            var row: [Int] = []
            for (index, cell) in rowCells.enumerated() {
                guard let level = cell.intValue else {
                    log.report(rowPath.appending(index), "expected a grade level (integer), found \(cell.typeName)")
                    continue
                }
                if !gradeLevels.contains(level) {
                    log.report(rowPath.appending(index), "grade \(level) is not defined in 'grades'")
                }
                row.append(level)
            }
            cells.append(row)
        }
        guard columns.allSatisfy({ $0 != nil }) else { return nil }
        let combinations = columns.reduce(rows.levelCount) { $0 * ($1?.levelCount ?? 1) }
        if combinations > Self.maximumLevelCombinations {
            log.report(fields.path, "\(combinations) combinations of row and column levels; ltc supports at most \(Self.maximumLevelCombinations)")
            return nil
        }
        return GradingTable(rowDimension: rowID, columnDimensions: columnIDs, cells: cells)
    }
}
