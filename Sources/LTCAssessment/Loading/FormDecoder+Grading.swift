import LTCCore

/// The grading section: a table of levels, or a total with thresholds.
extension FormDecoder {
    func decodeGrading(_ fields: JSONFields, dimensions: [Dimension], grades: [Grade]) -> Grading? {
        guard fields.has("total") else {
            return decodeTable(fields, dimensions: dimensions, grades: grades).map(Grading.table)
        }
        for key in ["rows", "columns", "cells"] where fields.has(key) {
            log.report(fields.path.appending(key), "belongs to a grading table; grading by total has 'total', 'higherOf' and 'thresholds'")
        }
        let measureText = fields.string("total")
        let measure = measureText.flatMap(TotalGrading.Measure.init(rawValue:))
        if let measureText, measure == nil {
            log.report(fields.path.appending("total"), "unknown total '\(measureText)'; accepted: score (the dimensions' scores added up), points (their bands' weighted points added up)")
        }
        if measure == .points {
            for dimension in dimensions where dimension.bands.isEmpty || dimension.bands.contains(where: { $0.points == nil }) {
                log.report(fields.path.appending("total"), "a points total needs bands with 'points' in every dimension; '\(dimension.id)' has none")
            }
        }

        var higherOf: [[String]] = []
        var used: Set<String> = []
        for (value, path) in fields.array("higherOf", required: false) ?? [] {
            guard let ids = value.arrayValue?.compactMap(\.stringValue), ids.count == value.arrayValue?.count, ids.count >= 2 else {
                log.report(path, "expected an array of two or more dimension ids, found \(value)")
                continue
            }
            for id in ids {
                if !dimensions.contains(where: { $0.id == id }) {
                    log.report(path, "unknown dimension '\(id)'; the form's dimensions: \(dimensions.map(\.id).joined(separator: ", "))")
                }
                if !used.insert(id).inserted { log.report(path, "dimension '\(id)' is in more than one 'higherOf' set") }
            }
            higherOf.append(ids)
        }

        var thresholds: [TotalGrading.Threshold] = []
        let elements = fields.array("thresholds") ?? []
        for element in elements {
            guard let threshold = log.fields(of: element.value, at: element.path, accepting: ["from", "grade"]) else { continue }
            let from = points("from", in: threshold)
            let grade = threshold.int("grade")
            if let grade, !grades.contains(where: { $0.level == grade }) {
                log.report(threshold.path.appending("grade"), "grade \(grade) is not defined in 'grades'")
            }
            if measure == .score, let from, from.hundredths % 100 != 0 {
                log.report(threshold.path.appending("from"), "a score total is a whole number; \(from) can never be reached exactly")
            }
            if let from, let grade { thresholds.append(.init(from: from, grade: grade)) }
        }
        if elements.isEmpty { log.report(fields.path.appending("thresholds"), "name at least one threshold") }
        for (index, (previous, next)) in zip(thresholds, thresholds.dropFirst()).enumerated() where next.from <= previous.from {
            log.report(elements[index + 1].path.appending("from"), "thresholds must rise: \(next.from) is not above \(previous.from)")
        }
        guard let measure, !thresholds.isEmpty, thresholds.count == elements.count else { return nil }
        return .total(TotalGrading(measure: measure, higherOf: higherOf, thresholds: thresholds))
    }
}
