import LTCCore

extension AssessmentForm {
    /// The form in the form-file format (`AssessmentForms/README.md`): what
    /// `forms.get` returns, and a file that loads back into the same form.
    public var json: JSONValue {
        var grading: JSONObject = ["rows": .string(self.grading.rowDimension)]
        if !self.grading.columnDimensions.isEmpty {
            grading.set("columns", ["worstOf": .array(self.grading.columnDimensions.map { .string($0) })])
        }
        grading.set("cells", .array(self.grading.cells.map { .array($0.map { .integer($0) }) }))
        return [
            "format": .string(Self.fileFormat),
            "id": .string(id),
            "version": .string(version),
            "title": title.json,
            "source": .string(source),
            "dimensions": .array(dimensions.map { dimension in
                [
                    "id": .string(dimension.id),
                    "name": dimension.name.json,
                    "range": ["min": .integer(dimension.range.lowerBound), "max": .integer(dimension.range.upperBound)],
                    "bands": .array(dimension.bands.map { band in
                        [
                            "level": .integer(band.level),
                            "min": .integer(band.scores.lowerBound),
                            "max": .integer(band.scores.upperBound),
                            "label": band.label.json,
                        ]
                    }),
                ]
            }),
            "items": .array(items.map { item in
                [
                    "id": .string(item.id),
                    "dimension": .string(item.dimension),
                    "name": item.name.json,
                    "options": .array(item.options.map { ["score": .integer($0.score), "label": $0.label.json] }),
                ]
            }),
            "grades": .array(grades.map(\.json)),
            "grading": .object(grading),
        ]
    }

    /// A short entry for lists: id, version, title, and what the form holds.
    public var summaryJSON: JSONValue {
        [
            "id": .string(id),
            "version": .string(version),
            "title": title.json,
            "items": .integer(items.count),
            "dimensions": .array(dimensions.map { .string($0.id) }),
            "grades": .array(grades.map { .integer($0.level) }),
        ]
    }
}
