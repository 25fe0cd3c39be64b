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
        if let total { out.key("total"); out.value(total.total.json) }

        out.key("dimensions")
        out.beginObject()
        for result in dimensions {
            out.key(string: result.dimension.id)
            out.beginObject()
            out.key("name"); out.value(result.dimension.name)
            out.key("score"); out.value(result.score)
            out.key("range"); out.range(result.dimension.range)
            if let band = result.band {
                out.key("level"); out.value(band.level)
                out.key("label"); out.value(band.label)
                out.key("band"); out.range(band.scores)
            }
            if let weighted = result.weighted {
                out.key("weighted"); out.value(weighted.json)
                out.key("counted"); out.value(result.counted)
            }
            if !result.groups.isEmpty {
                out.key("groups")
                out.beginObject()
                for part in result.groups {
                    out.key(string: part.group.id)
                    out.beginObject()
                    out.key("name"); out.value(part.group.name)
                    out.key("measure"); out.value(part.group.measure.rawValue)
                    out.key("value"); out.value(part.measureText)
                    out.key("score"); out.value(part.score)
                    out.endObject()
                }
                out.endObject()
            }
            out.key("lowered")
            out.beginArray()
            for shortfall in result.shortfalls {
                out.beginObject()
                out.key("item"); out.value(shortfall.item)
                out.key("score"); out.value(shortfall.score)
                if shortfall.higherIsWorse {
                    out.key("best"); out.value(shortfall.best)
                } else {
                    out.key("max"); out.value(shortfall.best)
                }
                out.key("lost"); out.value(shortfall.lost)
                out.endObject()
            }
            out.endArray()
            out.endObject()
        }
        out.endObject()

        out.key("decision")
        out.beginObject()
        if let decision {
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
        }
        if let total {
            out.key("measure"); out.value(total.measure.rawValue)
            out.key("total"); out.value(total.total.json)
            out.key("higherOf")
            out.beginArray()
            for set in total.higherOf {
                out.beginObject()
                out.key("dimensions")
                out.beginArray()
                for id in set.dimensions { out.value(id) }
                out.endArray()
                out.key("counted"); out.value(set.counted)
                out.endObject()
            }
            out.endArray()
            out.key("threshold"); out.value(total.threshold.from.json)
            out.key("grade"); out.value(total.grade)
        }
        out.endObject()

        if !conditions.isEmpty || !adjustments.isEmpty {
            out.key("conditions")
            out.beginObject()
            for condition in conditions {
                out.key(string: condition.id); out.value(condition.value.json)
            }
            out.endObject()
            out.key("adjustments")
            out.beginArray()
            for applied in adjustments {
                out.beginObject()
                out.key("id"); out.value(applied.adjustment.id)
                out.key("reason"); out.value(applied.adjustment.reason)
                out.key("when"); out.value(applied.adjustment.when.map(\.text).joined(separator: " and "))
                out.key("from"); out.value(applied.from)
                out.key("grade"); out.value(applied.proposed)
                if let note = applied.note { out.key("note"); out.value(note) }
                if !applied.codes.isEmpty {
                    out.key("codes")
                    out.beginArray()
                    for code in applied.codes { out.value(code) }
                    out.endArray()
                }
                out.endObject()
            }
            out.endArray()
        }

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
