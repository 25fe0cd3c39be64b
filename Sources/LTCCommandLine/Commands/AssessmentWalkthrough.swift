import LTCOperations
import Foundation
import LTCAssessment
import LTCCore

/// Walks an assessor through a form on the terminal without losing work.
///
/// A heading names the case, the person (ID masked), the form and the
/// assessor. The form's conditions are asked first (a flag, a count, ICD-10
/// codes), then each item that applies: a score from its options, or for a
/// frequency item a count and period (`3 per day`, `2 per week`). At any
/// question `b` goes back one and shows the answer given there (on the first
/// question it says there is none before), and `?` shows the item's guidance
/// from the form. Then all answers are shown with the grade they give: `y`
/// saves, `n` leaves without saving, a question's number asks it again;
/// anything else asks again.
///
/// Each answer is kept as a draft as it is given (``draft``): input that
/// ends, Ctrl-C or `n` leaves the assessment unsaved and the draft kept, and
/// a walk started from a draft (`--resume`) asks from its first unanswered
/// question.
///
/// Prompts go to standard error, so that standard output holds only the result.
///
/// ```swift
/// let walk = AssessmentWalkthrough(form: form, heading: "case 1 · 陈老伯 (110105********002X) · assessor A01")
/// if let (answers, conditions) = try walk.run() { … save … }
/// ```
struct AssessmentWalkthrough {
    let form: AssessmentForm
    /// Who and what is assessed, shown first.
    let heading: String
    /// Items answered already, read off another form (``Derivation``): not
    /// asked, shown in the review as read, and scored with the rest; the walk
    /// returns only what it asked.
    var known: [String: Int] = [:]
    /// The answers and conditions a resumed walk starts from.
    var resumed: (answers: JSONObject, conditions: JSONObject)?
    /// Keeps the answers and conditions given so far, after each answer.
    var draft: (@Sendable (JSONObject, JSONObject) throws -> Void)?
    /// How to continue a walk whose answers are kept (for the messages of a walk that stops early).
    var resumeCommand = "ltc case assess ID --resume"

    /// One question of the walk: a condition or an item.
    enum Question {
        case condition(Condition)
        case item(Item)

        var id: String {
            switch self {
            case .condition(let condition): condition.id
            case .item(let item): item.id
            }
        }
    }

    /// The answers and conditions, or `nil` if the assessor chose not to save.
    func run() throws -> (answers: JSONObject, conditions: JSONObject)? {
        Self.sayOnInterrupt(draft == nil ? "interrupted: nothing was saved"
                            : "interrupted: the assessment was not saved; the answers given are kept as a draft (\(resumeCommand) continues it)")
        say("\(heading)\nform \(form.id) (\(form.version)) \(form.title.zh) / \(form.title.en)")
        say("Answer each question; b goes back, ? shows the item's guidance.")
        var answers = resumed?.answers ?? JSONObject(), conditions = resumed?.conditions ?? JSONObject()
        var index = 0
        // The questions are worked out again as conditions change which items apply.
        func questions() -> [Question] {
            form.conditions.map(Question.condition)
                + form.items.filter { known[$0.id] == nil && form.applies($0, conditions: conditions) }.map(Question.item)
        }
        if !known.isEmpty { say("\(known.count) answers are read off the assessment; \(questions().count) are asked.") }
        if resumed != nil {
            // A resumed walk asks from the first item not answered (conditions were asked before any item).
            let all = questions()
            index = all.firstIndex { if case .item(let item) = $0 { answers[item.id] == nil } else { false } } ?? all.count
            say("resumed from the draft: \(answers.count) answers kept; \(all.count - index) to ask")
        }
        while index < questions().count {
            let all = questions()
            switch try ask(all[index], number: index + 1, of: all.count, answers: &answers, conditions: &conditions) {
            case .answered:
                try draft?(answers, conditions)
                index += 1
            case .back:
                guard index > 0 else {
                    say("  this is the first question: there is none before it")
                    continue
                }
                index -= 1
            }
        }
        // Answers to items that no longer apply are left out.
        let applying = Set(questions().map(\.id))
        answers = JSONObject(answers.filter { applying.contains($0.key) })
        var all = questions()
        review(all, answers: answers, conditions: conditions)
        while true {
            prompt("\nSave this assessment? y to save, n to leave without saving, or a question's number to change it: ")
            guard let line = readLine() else { throw ended(at: "the last question") }
            let text = line.trimmingCharacters(in: .whitespaces).lowercased()
            if text == "y" || text == "yes" { return (answers, conditions) }
            if text == "n" || text == "no" { return nil }
            if let number = Int(text), (1...all.count).contains(number) {
                _ = try ask(all[number - 1], number: number, of: all.count, answers: &answers, conditions: &conditions)
                try draft?(answers, conditions)
                all = questions()
                let applying = Set(all.map(\.id))
                answers = JSONObject(answers.filter { applying.contains($0.key) })
                // A changed condition may make items apply that were not asked: ask them now.
                for (index, question) in all.enumerated() {
                    if case .item(let item) = question, answers[item.id] == nil {
                        _ = try ask(question, number: index + 1, of: all.count, answers: &answers, conditions: &conditions)
                        try draft?(answers, conditions)
                    }
                }
                review(all, answers: answers, conditions: conditions)
                continue
            }
            say("  '\(text)' is not y, n or a question's number (1–\(all.count))")
        }
    }

    enum Step { case answered, back }

    private func ask(_ question: Question, number: Int, of count: Int, answers: inout JSONObject, conditions: inout JSONObject) throws -> Step {
        describe(question, number: number, of: count)
        if let given = given(question, answers: answers, conditions: conditions) {
            if case .item = question { say("  answer given: \(given); Enter keeps it") } else { say("  answer given: \(given)") }
        }
        while true {
            prompt("> ")
            guard let line = readLine() else { throw ended(at: question.id, answered: answers.count + conditions.count) }
            let text = line.trimmingCharacters(in: .whitespaces)
            if text == "b" { return .back }
            if text == "?" {
                describe(question, number: number, of: count, help: true)
                continue
            }
            // Enter on a question answered before (going back, or a resumed draft) keeps that answer.
            if text.isEmpty, case .item(let item) = question, answers[item.id] != nil { return .answered }
            switch question {
            case .condition(let condition):
                switch conditionValue(text, condition) {
                case .success(let value?): conditions.set(condition.id, value)
                case .success(nil): conditions = JSONObject(conditions.filter { $0.key != condition.id })
                case .failure(let problem):
                    say("  \(problem)")
                    continue
                }
                return .answered
            case .item(let item):
                switch itemValue(text, item) {
                case .success(let value):
                    answers.set(item.id, value)
                    return .answered
                case .failure(let problem):
                    say("  \(problem)")
                }
            }
        }
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// A condition's value from what was typed; `nil` for its default (an empty line).
    private func conditionValue(_ text: String, _ condition: Condition) -> Result<JSONValue?, Problem> {
        var value: JSONValue
        switch condition.kind {
        case .boolean(let flag, let requiresReason):
            switch text.lowercased() {
            case "" where flag != nil: return .success(nil)
            case "y", "yes":
                guard requiresReason else {
                    value = true
                    break
                }
                prompt("  reason (kept on record): ")
                guard let reason = readLine()?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
                    return .failure(Problem(description: "this flag needs a reason; answer again"))
                }
                value = .members(.init("value", true), .init("reason", .string(reason)))
            case "n", "no": value = false
            default: return .failure(Problem(description: "'\(text)' is not y or n"))
            }
        case .count(let count, _):
            if text.isEmpty, count != nil { return .success(nil) }
            guard let number = Int(text) else { return .failure(Problem(description: "'\(text)' is not a whole number")) }
            value = .integer(number)
        case .codes:
            if text.isEmpty { return .success(nil) }
            value = .array(text.split(whereSeparator: { $0 == "," || $0 == " " }).map { .string(String($0)) })
        }
        if let problem = form.problem(with: value, forCondition: condition.id) { return .failure(Problem(description: problem)) }
        return .success(value)
    }

    /// An item's answer from what was typed: one of its scores, or a frequency such as `3 per day` (`0` for never).
    private func itemValue(_ text: String, _ item: Item) -> Result<JSONValue, Problem> {
        guard item.group != nil else {
            let accepted = item.options.map(\.score)
            guard let score = Int(text), accepted.contains(score) else {
                return .failure(Problem(description: "'\(text)' is not an option of \(item.id); enter one of \(accepted.map(String.init).joined(separator: ", "))"))
            }
            return .success(.integer(score))
        }
        let periods = item.pointsPerOccurrence.isEmpty ? Frequency.Period.allCases : Frequency.Period.allCases.filter { item.pointsPerOccurrence[$0] != nil }
        let words = text.lowercased().split(separator: " ").filter { $0 != "a" }
        if words == ["0"] || words == ["never"] { return .success(Frequency(count: 0, period: periods[0]).json) }
        let names: [String: Frequency.Period] = ["day": .perDay, "week": .perWeek, "month": .perMonth]
        guard words.count == 3, let count = Int(words[0]), words[1] == "per", let period = names[String(words[2])] else {
            return .failure(Problem(description: "'\(text)' is not a frequency; enter e.g. \(periods.map { "1 per \(Self.unit($0))" }.joined(separator: ", ")), or 0"))
        }
        guard periods.contains(period) else {
            return .failure(Problem(description: "\(item.id) is counted \(periods.map { "per \(Self.unit($0))" }.joined(separator: " or ")), not per \(Self.unit(period))"))
        }
        guard (0...Frequency.maximumCount).contains(count) else {
            return .failure(Problem(description: "\(count) is not from 0 to \(Frequency.maximumCount)"))
        }
        return .success(Frequency(count: count, period: period).json)
    }

    private static func unit(_ period: Frequency.Period) -> String {
        switch period {
        case .perDay: "day"
        case .perWeek: "week"
        case .perMonth: "month"
        }
    }

    private func describe(_ question: Question, number: Int, of count: Int, help: Bool = false) {
        switch question {
        case .condition(let condition):
            say("\n[\(number)/\(count)] condition \(condition.id)  \(condition.name.zh) / \(condition.name.en)")
            switch condition.kind {
            case .boolean(let flag, let requiresReason):
                say("  y or n" + (flag.map { "; Enter for \($0 ? "y" : "n")" } ?? "") + (requiresReason ? "; y asks for the reason" : ""))
            case .count(let value, let maximum):
                say("  a whole number from 0 to \(maximum)" + (value.map { "; Enter for \($0)" } ?? ""))
            case .codes:
                say("  ICD-10 codes separated by commas, e.g. F01.1, I10; Enter for none")
            }
        case .item(let item):
            say("\n[\(number)/\(count)] \(item.id)  \(item.name.zh) / \(item.name.en)")
            if item.group != nil {
                say("  how often: e.g. 3 per day, 2 per week, 1 per month; 0 for never")
            }
            for option in item.options {
                say("  \(String(option.score).leftPadded(3))  \(option.label.zh) / \(option.label.en)")
            }
        }
        if help {
            if case .item(let item) = question, let guidance = item.guidance {
                say("  \(guidance.zh)")
                say("  \(guidance.en)")
            }
            say("  Type the answer and Enter. b goes back to the question before; ? shows this again.")
            say("  At the end every answer is shown with the grade before anything is saved.")
        }
    }

    /// The answer given to `question` earlier, as the assessor typed it, if any.
    private func given(_ question: Question, answers: JSONObject, conditions: JSONObject) -> String? {
        switch question {
        case .condition(let condition):
            return conditions[condition.id].map { JSONWriter.string($0) }
        case .item(let item):
            guard let answer = answers[item.id] else { return nil }
            if item.group != nil { return Frequency.read(answer).get()?.description ?? JSONWriter.string(answer) }
            let label = answer.intValue.flatMap { score in item.options.first { $0.score == score }?.label.zh }
            return JSONWriter.string(answer) + (label.map { " \($0)" } ?? "")
        }
    }

    private func review(_ questions: [Question], answers: JSONObject, conditions: JSONObject) {
        say("\nYour answers:")
        for (index, question) in questions.enumerated() {
            let number = String(index + 1).leftPadded(3)
            switch question {
            case .condition(let condition):
                say("\(number)  \(condition.id)  \(condition.name.zh): \(conditions[condition.id].map { JSONWriter.string($0) } ?? "default")")
            case .item(let item):
                let answer = answers[item.id]
                let label = answer?.intValue.flatMap { score in item.options.first { $0.score == score }?.label.zh }
                let shown = item.group != nil ? answer.flatMap { Frequency.read($0).map(\.description).get() } : answer.map { JSONWriter.string($0) }
                say("\(number)  \(item.id)  \(item.name.zh): \(shown ?? "—")\(label.map { " \($0)" } ?? "")")
            }
        }
        for item in form.items where known[item.id] != nil {
            let label = item.options.first { $0.score == known[item.id] }?.label.zh
            say("     \(item.id)  \(item.name.zh): \(known[item.id]!)\(label.map { " \($0)" } ?? "") (read off the assessment)")
        }
        do {
            var answers = answers
            for (item, score) in known { answers.set(item, .integer(score)) }
            let result = try form.score(answers: answers, conditions: conditions)
            say("\n" + ResultText.render(result, form: form))
        } catch {
            say("\nthese answers cannot be scored yet: \(error)")
        }
    }

    private func ended(at question: String, answered: Int = 1) -> InputError {
        let place = question == "the last question" ? question : "item \(question)"
        guard draft != nil, answered > 0 else { return InputError(source: "terminal", message: "input ended at \(place); nothing was saved") }
        return InputError(source: "terminal", message: "input ended at \(place); the assessment was not saved, and the answers given are kept as a draft: \(resumeCommand) continues it")
    }

    /// Ctrl-C during the walk says `message` (what was kept), and exits 130.
    private static func sayOnInterrupt(_ message: String) {
        interruptMessage = strdup("\n" + message + "\n")
        signal(SIGINT) { _ in
            if let message = interruptMessage { _ = write(STDERR_FILENO, message, strlen(message)) }
            _exit(130)
        }
    }

    private func say(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private func prompt(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// What Ctrl-C says, written by the signal handler: set once before the walk starts.
nonisolated(unsafe) private var interruptMessage: UnsafeMutablePointer<CChar>?

extension Result where Failure == FrequencyError {
    fileprivate func get() -> Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
