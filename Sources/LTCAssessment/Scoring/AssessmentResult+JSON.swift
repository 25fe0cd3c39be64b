import LTCCore

extension AssessmentResult {
    /// The result as other systems receive it from `assessment.score` and
    /// `ltc score --json`. Fixed names: `grade.level`, `grade.label.zh`,
    /// `grade.label.en`, and `dimensions.<id>.score` and `.level` (see
    /// `docs/protocol.md`).
    public var json: JSONValue {
        var dimensionsObject = JSONObject()
        for result in dimensions {
            let range = result.dimension.range
            let band = result.band.scores
            dimensionsObject.set(result.dimension.id, .members(
                .init("name", result.dimension.name.json),
                .init("score", .integer(result.score)),
                .init("range", .members(.init("min", .integer(range.lowerBound)), .init("max", .integer(range.upperBound)))),
                .init("level", .integer(result.level)),
                .init("label", result.band.label.json),
                .init("band", .members(.init("min", .integer(band.lowerBound)), .init("max", .integer(band.upperBound)))),
                .init("lowered", .array(result.shortfalls.map { shortfall in
                    .members(
                        .init("item", .string(shortfall.item)),
                        .init("score", .integer(shortfall.score)),
                        .init("max", .integer(shortfall.maximum)),
                        .init("lost", .integer(shortfall.lost))
                    )
                }))
            ))
        }
        let worstOf = decision.columnInputs.map {
            JSONValue.members(.init("dimension", .string($0.dimension)), .init("level", .integer($0.level)))
        }
        return .members(
            .init("form", .members(.init("id", .string(formID)), .init("version", .string(formVersion)))),
            .init("grade", grade.json),
            .init("dimensions", .object(dimensionsObject)),
            .init("decision", .members(
                .init("row", .members(.init("dimension", .string(decision.rowDimension)), .init("level", .integer(decision.row)))),
                .init("column", .members(.init("level", .integer(decision.column)), .init("worstOf", .array(worstOf)))),
                .init("grade", .integer(decision.grade))
            )),
            .init("explanation", .members(
                .init("zh", .array(explanation.zh.map { .string($0) })),
                .init("en", .array(explanation.en.map { .string($0) }))
            ))
        )
    }
}
