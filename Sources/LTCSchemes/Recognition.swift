import LTCCore

/// A result on another department's form that the scheme recognizes in
/// place of its own assessment (评估结果互认): the 2021 national notice asks
/// regions to explore mutual recognition, e.g. of the civil-affairs
/// GB/T 42195-2022 elderly-capacity assessment (`../shared/domain/cn-ltc-2021.md`,
/// `gbt-42195-2022.md`). Which forms, how recent, and which of their grades
/// stand for which of the scheme's are the scheme's data; a grade the
/// mapping leaves out is not recognized (a full assessment is needed).
///
/// ```json
/// "recognition": [{"form": "gbt-42195-2022", "source": {"zh": "民政老年人能力评估", "en": "civil-affairs capacity assessment"},
///                  "withinMonths": 12, "grades": {"3": 3, "4": 4}}]
/// ```
public struct Recognition: Sendable, Equatable {
    /// The other form's id (one of `AssessmentForms/`).
    public var form: String
    /// Who assesses on it, as the case shows.
    public var source: LocalizedText
    /// How old the result may be on the day it is recognized.
    public var withinMonths: Int
    /// The other form's grade → the scheme's grade.
    public var grades: [Int: Int]

    static func decode(_ value: JSONValue, at path: JSONPath, log: JSONProblemLog) -> Recognition? {
        guard let fields = log.fields(of: value, at: path, accepting: ["form", "source", "withinMonths", "grades"]) else { return nil }
        let form = fields.nonEmptyString("form")
        let source = fields.localizedText("source")
        var months = fields.int("withinMonths")
        if let count = months, !(1...60).contains(count) {
            log.report(path.appending("withinMonths"), "\(count) is outside 1–60")
            months = nil
        }
        var grades: [Int: Int] = [:]
        if case .object(let map)? = fields.object["grades"] {
            for member in map {
                let key = member.key, grade = member.value
                guard let from = Int(key), (0...100).contains(from), let to = grade.intValue, (0...100).contains(to) else {
                    log.report(path.appending("grades").appending(key), "map a grade of the other form (0–100) to a grade of this scheme (0–100), found \(key): \(grade)")
                    continue
                }
                grades[from] = to
            }
            if map.isEmpty { log.report(path.appending("grades"), "map at least one grade") }
        } else {
            log.report(path.appending("grades"), "expected an object of grade → grade, e.g. {\"4\": 4}")
        }
        guard let form, let source, let months, !grades.isEmpty else { return nil }
        return Recognition(form: form, source: source, withinMonths: months, grades: grades)
    }
}
