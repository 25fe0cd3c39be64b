import LTCCore

extension AssessmentResult {
    /// The result as other systems receive it from `assessment.score` and
    /// `ltc score --json`. Fixed names: `grade.level`, `grade.label.zh`,
    /// `grade.label.en`, and `dimensions.<id>.score` and `.level` (see
    /// `docs/protocol.md`).
    public var json: JSONValue {
        var dimensionsObject = JSONObject()
        for result in dimensions {
            dimensionsObject.set(result.dimension.id, [
                "name": result.dimension.name.json,
                "score": .integer(result.score),
                "range": ["min": .integer(result.dimension.range.lowerBound), "max": .integer(result.dimension.range.upperBound)],
                "level": .integer(result.level),
                "label": result.band.label.json,
                "band": ["min": .integer(result.band.scores.lowerBound), "max": .integer(result.band.scores.upperBound)],
                "lowered": .array(result.shortfalls.map { shortfall in
                    [
                        "item": .string(shortfall.item),
                        "score": .integer(shortfall.score),
                        "max": .integer(shortfall.maximum),
                        "lost": .integer(shortfall.lost),
                    ]
                }),
            ])
        }
        return [
            "form": ["id": .string(formID), "version": .string(formVersion)],
            "grade": grade.json,
            "dimensions": .object(dimensionsObject),
            "decision": [
                "row": ["dimension": .string(decision.rowDimension), "level": .integer(decision.row)],
                "column": [
                    "level": .integer(decision.column),
                    "worstOf": .array(decision.columnInputs.map { ["dimension": .string($0.dimension), "level": .integer($0.level)] }),
                ],
                "grade": .integer(decision.grade),
            ],
            "explanation": [
                "zh": .array(explanation(in: .zh).map { .string($0) }),
                "en": .array(explanation(in: .en).map { .string($0) }),
            ],
        ]
    }
}
