import LTCOperations
import ArgumentParser
import LTCAssessment
import LTCCore

/// An answers file as `ltc score` and `ltc case assess --answers` read it:
/// native answers `{"adl.eating": 10, …}`, or the params of
/// `assessment.score` (`{"form", "answers", "conditions"}`).
enum AnswersFile {
    /// The form named in the file, if any, the answers and the conditions.
    static func read(_ bytes: [UInt8], source: String) throws -> (form: String?, answers: JSONObject, conditions: JSONObject) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw InputError(source: source, message: "not valid JSON: \(error)")
        }
        guard case .object(let object) = document else {
            throw InputError(source: source, message: "expected a JSON object of answers, found \(document.typeName)")
        }
        guard object.contains(key: "answers") else { return (nil, object, [:]) }
        for key in object.keys where !["form", "answers", "conditions"].contains(key) {
            throw InputError(source: source, message: "unknown field '\(key)'; a request file has 'form', 'answers' and 'conditions'")
        }
        var conditions: JSONObject = [:]
        if let given = object["conditions"] {
            guard case .object(let members) = given else {
                throw InputError(source: source, message: "'conditions' must be an object of condition id → value, found \(given.typeName)")
            }
            conditions = members
        }
        guard case .object(let answers)? = object["answers"] else {
            throw InputError(source: source, message: "'answers' must be an object of item id → score, found \(object["answers"]!.typeName)")
        }
        if let form = object["form"], form.stringValue == nil {
            throw InputError(source: source, message: "'form' must be a string, found \(form.typeName)")
        }
        return (object["form"]?.stringValue, answers, conditions)
    }
}
