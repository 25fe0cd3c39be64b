import Foundation
import LTCCore
import LTCOperations

/// Why a command line cannot be run as it is: it asks for help, or it is not
/// a command line the command takes (exit 64, as every usage error).
enum CommandLineProblem: Error {
    case help
    case usage(String)
}

/// Reads the words after a command's name into a ``CommandInvocation``: the
/// options and arguments of its ``CommandShape``, each value turned into
/// the JSON its param reads, so that the operation reads a command line with
/// the same code as a JSON-RPC request.
enum CommandLineReader {
    static func read(_ arguments: [String], _ shape: CommandShape) throws -> CommandInvocation {
        var given: [String: [String]] = [:]   // flag → values ("" for a flag)
        var positionals: [String] = []
        var index = 0
        var rest = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if rest || word == "-" || !word.hasPrefix("-") || Double(word) != nil {
                positionals.append(word)
                continue
            }
            if word == "--" { rest = true; continue }
            if word == "-h" || word == "--help" { throw CommandLineProblem.help }
            guard word.hasPrefix("--") else { throw CommandLineProblem.usage("Unknown option '\(word)'") }
            let body = word.dropFirst(2)
            let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            guard let option = shape.option(name) else {
                let close = UsageCheck.suggestions(for: name, among: shape.options.map(\.flag))
                throw CommandLineProblem.usage("Unknown option '--\(name)'" + (close.isEmpty ? "" : ". Did you mean '--\(close[0])'?"))
            }
            if option.value == nil {
                guard inline == nil else { throw CommandLineProblem.usage("'--\(name)' takes no value") }
                given[name, default: []].append("")
                continue
            }
            if let inline {
                given[name, default: []].append(inline)
            } else {
                guard index < arguments.count else { throw CommandLineProblem.usage("Missing value for '\(option.usage)'") }
                given[name, default: []].append(arguments[index])
                index += 1
            }
        }

        var invocation = CommandInvocation(spelling: shape.spelling, entry: shape.entry, params: [:], attachments: [:], extras: [:],
                                           database: nil, json: false, formDirectories: [])
        var missing: [String] = []
        guard positionals.count <= shape.positionals.count else {
            throw CommandLineProblem.usage("Unexpected argument '\(positionals[shape.positionals.count])'")
        }
        for (position, (argument, spec)) in shape.positionals.enumerated() {
            guard position < positionals.count else {
                if argument.required ?? spec.required { missing.append("<\(argument.value)>") }
                continue
            }
            try place(positionals[position], spec: spec, source: argument.source, name: "<\(argument.value)>", into: &invocation)
        }
        for option in shape.options {
            guard let values = given[option.flag] else {
                if option.required && !(option.flag == "actor" && EnvironmentDefaults.actorIsSet) {
                    missing.append(option.usage)
                }
                continue
            }
            // As rpc refuses a member given twice, an option that takes one value is refused given twice, never the last one silently kept.
            guard option.repeatable || values.count == 1 else {
                throw CommandLineProblem.usage("'--\(option.flag)' is given \(values.count) times; it takes one value")
            }
            switch option.target {
            case .param(let spec, let source):
                for value in option.repeatable ? values : [values.last!] {
                    try place(value, spec: spec, source: source, name: option.usage, into: &invocation)
                }
            case .extra(let extra):
                invocation.extras[extra.flag] = option.repeatable ? values : [values.last!]
                if let path = extra.into, let value = values.last { invocation.params.set(path: path, .string(value)) }
            case .common(.database): invocation.database = values.last
            case .common(.actor): invocation.params.set("actor", .string(values.last!))
            case .common(.asOf): invocation.params.set("asOf", .string(values.last!))
            case .common(.forms): invocation.formDirectories = values
            case .common(.json): invocation.json = true
            }
        }
        // An option given wins over its variable (EnvironmentDefaults).
        if shape.entry.effect.touchesStore, given["actor"] == nil, let actor = try EnvironmentDefaults.actor() {
            invocation.params.set("actor", .string(actor))
        }
        if !missing.isEmpty {
            let actorHint = missing.contains { $0.hasPrefix("--actor ") } ? " (or set \(EnvironmentDefaults.actorVariable), e.g. export LTC_ACTOR=administrator:wang)" : ""
            throw CommandLineProblem.usage((missing.count == 1 ? "Missing expected argument '\(missing[0])'"
                                            : "missing expected arguments: " + missing.map { "'\($0)'" }.joined(separator: ", ")) + actorHint)
        }
        return invocation
    }

    /// Puts one typed value into the params, as its param's type reads it.
    private static func place(_ text: String, spec: ParamSpec, source: ValueSource, name: String, into invocation: inout CommandInvocation) throws {
        switch source {
        case .commandLine:
            invocation.extras[spec.name, default: []].append(text)
        case .file:
            invocation.files[spec.name] = text
        case .jsonFile:
            invocation.jsonFiles[spec.name] = text
        case .pairs:
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw CommandLineProblem.usage("The value '\(text)' for '\(name)' is not KEY=VALUE")
            }
            var object = invocation.params[spec.name]?.objectValue ?? [:]
            let value = String(text[text.index(after: equals)...])
            object.set(String(text[..<equals]), number(value) ?? .string(value))
            invocation.params.set(spec.name, .object(object))
        case .text:
            let schema = spec.schema
            if schema.typeName == "array" {
                let items = schema.json["items"]?.objectValue.map(JSONSchema.init) ?? .any
                var list = invocation.params[spec.name]?.arrayValue ?? []
                for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
                    list.append(try value(piece.trimmingCharacters(in: .whitespaces), schema: items, name: name))
                }
                invocation.params.set(spec.name, .array(list))
            } else if schema.typeName == "boolean" {
                invocation.params.set(spec.name, true)
            } else {
                invocation.params.set(spec.name, try value(text, schema: schema, name: name))
            }
        }
    }

    /// A word as the JSON of a value of this schema.
    private static func value(_ text: String, schema: JSONSchema, name: String) throws -> JSONValue {
        switch schema.typeName {
        case "integer":
            guard let number = Int(text) else { throw CommandLineProblem.usage("The value '\(text)' for '\(name)' is not a whole number") }
            return .integer(number)
        case "number":
            guard let number = number(text) else { throw CommandLineProblem.usage("The value '\(text)' for '\(name)' is not a number") }
            return number
        case "object":
            do {
                return try JSONParser.parse(Array(text.utf8))
            } catch {
                throw CommandLineProblem.usage("The value for '\(name)' is not a JSON object: \(error)")
            }
        default:
            return .string(text)
        }
    }

    /// `60` → 60, `58.5` → 58.5 (kept exactly as written); `nil` if not a number.
    private static func number(_ text: String) -> JSONValue? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        if parts.count == 1, let integer = Int(text) { return .integer(integer) }
        return .number(text)
    }
}
