import LTCCore

extension AssessmentResult {
    /// Writes the result as other systems receive it from `assessment.score`
    /// and `ltc score --json`. Fixed names: `grade.level`, `grade.label.zh`,
    /// `grade.label.en`, and `dimensions.<id>.score` and `.level` (see
    /// `docs/protocol.md`).
    public func encode(into out: inout JSONOutput) {
        out.beginObject()
        out.key("form")
        out.beginObject()
        out.key("id"); out.value(formID)
        out.key("version"); out.value(formVersion)
        out.endObject()
        out.key("grade"); out.value(grade)

        out.key("dimensions")
        out.beginObject()
        for result in dimensions {
            out.key(string: result.dimension.id)
            out.beginObject()
            out.key("name"); out.value(result.dimension.name)
            out.key("score"); out.value(result.score)
            out.key("range"); out.range(result.dimension.range)
            out.key("level"); out.value(result.level)
            out.key("label"); out.value(result.band.label)
            out.key("band"); out.range(result.band.scores)
            out.key("lowered")
            out.beginArray()
            for shortfall in result.shortfalls {
                out.beginObject()
                out.key("item"); out.value(shortfall.item)
                out.key("score"); out.value(shortfall.score)
                out.key("max"); out.value(shortfall.maximum)
                out.key("lost"); out.value(shortfall.lost)
                out.endObject()
            }
            out.endArray()
            out.endObject()
        }
        out.endObject()

        out.key("decision")
        out.beginObject()
        out.key("row"); out.dimensionLevel(decision.rowDimension, decision.row)
        out.key("column")
        out.beginObject()
        out.key("level"); out.value(decision.column)
        out.key("worstOf")
        out.beginArray()
        for input in decision.columnInputs { out.dimensionLevel(input.dimension, input.level) }
        out.endArray()
        out.endObject()
        out.key("grade"); out.value(decision.grade)
        out.endObject()

        out.key("explanation")
        out.beginObject()
        out.key("zh"); out.lines(explanation.zh)
        out.key("en"); out.lines(explanation.en)
        out.endObject()
        out.endObject()
    }
}

extension JSONOutput {
    /// `{"zh": …, "en": …}`
    public mutating func value(_ text: LocalizedText) {
        beginObject()
        key("zh"); value(text.zh)
        key("en"); value(text.en)
        endObject()
    }

    /// `{"level": …, "label": {"zh": …, "en": …}}`
    public mutating func value(_ grade: Grade) {
        beginObject()
        key("level"); value(grade.level)
        key("label"); value(grade.label)
        endObject()
    }

    /// `{"min": …, "max": …}`
    mutating func range(_ range: ClosedRange<Int>) {
        beginObject()
        key("min"); value(range.lowerBound)
        key("max"); value(range.upperBound)
        endObject()
    }

    /// `{"dimension": …, "level": …}`
    mutating func dimensionLevel(_ dimension: String, _ level: Int) {
        beginObject()
        key("dimension"); value(dimension)
        key("level"); value(level)
        endObject()
    }

    mutating func lines(_ lines: [String]) {
        beginArray()
        for line in lines { value(line) }
        endArray()
    }
}
