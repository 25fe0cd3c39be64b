import Foundation
import LTCAssessment
import LTCCore

/// Walks an assessor through a form on the terminal: each item with its
/// options in Chinese and English, a score typed for each (anything else is
/// asked again), then the result, and a last question before saving.
///
/// Prompts go to standard error, so that standard output holds only the result.
struct AssessmentWalkthrough {
    let form: AssessmentForm

    /// The answers, or `nil` if the assessor chose not to save.
    func run() throws -> JSONObject? {
        guard form.conditions.isEmpty, form.groups.isEmpty else {
            throw InputError(source: "terminal", message: "form \(form.id) has conditions or frequency items, which the walk-through does not ask; write them in a file and give --answers FILE")
        }
        var answers = JSONObject()
        for (index, item) in form.items.enumerated() {
            say("\n[\(index + 1)/\(form.items.count)] \(item.id)  \(item.name.zh) / \(item.name.en)")
            for option in item.options {
                say("  \(String(option.score).leftPadded(3))  \(option.label.zh) / \(option.label.en)")
            }
            let accepted = item.options.map(\.score)
            while true {
                prompt("score> ")
                guard let line = readLine() else {
                    throw InputError(source: "terminal", message: "input ended at item \(item.id); nothing was saved")
                }
                let text = line.trimmingCharacters(in: .whitespaces)
                if let score = Int(text), accepted.contains(score) {
                    answers.set(item.id, .integer(score))
                    break
                }
                say("  '\(text)' is not an option of \(item.id); enter one of \(accepted.map(String.init).joined(separator: ", "))")
            }
        }
        let result = try form.score(answers: answers)
        say("\n" + ResultText.render(result, form: form))
        prompt("\nSave this assessment? [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes" ? answers : nil
    }

    private func say(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private func prompt(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
