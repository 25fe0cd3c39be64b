import LTCCore

extension AssessmentForm {
    /// The form in the form-file format (`AssessmentForms/README.md`): what
    /// `forms.get` returns, and a file that loads back into the same form.
    public var json: JSONValue { document }

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
