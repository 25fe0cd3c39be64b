import LTCCore
import LTCOperations

/// The options and arguments a command takes, read off its operation's
/// params and its spelling: what the reader accepts, the help lists and the
/// usage line shows.
struct CommandShape {
    struct Option {
        enum Target {
            case param(ParamSpec, ValueSource)
            case extra(ExtraOption)
            case common(Common)
        }

        let flag: String
        /// The value's name; `nil` for a flag.
        let value: String?
        let help: String
        let required: Bool
        let repeatable: Bool
        let target: Target

        var usage: String { value.map { "--\(flag) <\($0)>" } ?? "--\(flag)" }
    }

    /// The options every command on stored data, or every command, takes.
    enum Common {
        case database, actor, asOf, forms, json
    }

    let spelling: CommandSpelling
    let entry: CatalogueEntry
    let options: [Option]
    let positionals: [(Positional, ParamSpec)]

    init(_ spelling: CommandSpelling, _ entry: CatalogueEntry) {
        self.spelling = spelling
        self.entry = entry
        let positional = Set(spelling.arguments.map(\.param))
        var options: [Option] = []
        for spec in entry.params where !positional.contains(spec.name) && !["actor", "asOf"].contains(spec.name) {
            let spelled = spelling.options[spec.name] ?? OptionSpelling()
            guard !spelled.hidden else { continue }
            let type = spec.schema.typeName
            let flag = spelled.flag ?? Self.kebab(spec.name)
            let isFlag = type == "boolean"
            options.append(Option(flag: flag, value: isFlag ? nil : spelled.value ?? Self.valueName(spec, flag: flag, source: spelled.source),
                                  help: (spelled.help ?? spec.summary) + Self.notes(spec, source: spelled.source),
                                  required: spec.required && !spelled.optional, repeatable: type == "array" || spelled.source == .pairs,
                                  target: .param(spec, spelled.source)))
        }
        for extra in spelling.extras {
            options.append(Option(flag: extra.flag, value: extra.value, help: extra.help, required: extra.required,
                                  repeatable: extra.repeatable, target: .extra(extra)))
        }
        if entry.effect.touchesStore {
            options.append(Option(flag: "db", value: "path|uri", help: "The database: an SQLite file, or postgresql://USER@HOST:PORT/DBNAME; else $LTC_DB, else ./ltc.sqlite (created by the first command that stores).",
                                  required: false, repeatable: false, target: .common(.database)))
            // A computation that reads stored state for some requests only (its access is anyone's) takes an
            // actor where it does; its spelling may leave --actor out where the command never needs one.
            if entry.params.contains(where: { $0.name == "actor" }), spelling.options["actor"]?.hidden != true {
                let anyone = if case .anyone = entry.access { true } else { false }
                options.append(Option(flag: "actor", value: "role:id",
                                      help: spelling.options["actor"]?.help ?? "Who is acting: administrator:ID, auditor:ID, assessor:ID or institution:ID; else $LTC_ACTOR.",
                                      required: !anyone, repeatable: false, target: .common(.actor)))
            }
            if entry.params.contains(where: { $0.name == "asOf" }) {
                options.append(Option(flag: "as-of", value: "date", help: "The date of the operation (YYYY-MM-DD; administrators only); default today in the scheme's time zone.",
                                      required: false, repeatable: false, target: .common(.asOf)))
            }
        }
        options.append(Option(flag: "forms", value: "dir", help: "A folder of extra form files (*.json); repeatable.", required: false, repeatable: true,
                              target: .common(.forms)))
        options.append(Option(flag: "json", value: nil, help: "Print JSON instead of text.", required: false, repeatable: false, target: .common(.json)))
        self.options = options
        positionals = spelling.arguments.compactMap { argument in
            entry.params.first { $0.name == argument.param }.map { (argument, $0) }
        }
    }

    func option(_ flag: String) -> Option? { options.first { $0.flag == flag } }

    /// `ltc case terminate <id> --reason <reason> [--on <date>] …`
    var usage: String {
        var words = ["ltc"] + (spelling.path ?? entry.command.split(separator: " ").map(String.init))
        for (argument, spec) in positionals {
            words.append(argument.required ?? spec.required ? "<\(argument.value)>" : "[<\(argument.value)>]")
        }
        for option in options {
            let shown = option.usage + (option.repeatable ? " ..." : "")
            words.append(option.required ? shown : "[\(shown)]")
        }
        return words.joined(separator: " ")
    }

    /// `caseID` → `case-id`, `showId` → `show-id`.
    static func kebab(_ name: String) -> String {
        name.reduce(into: "") { text, character in
            if character.isUppercase { text += "-" + character.lowercased() } else { text.append(character) }
        }
    }

    private static func valueName(_ spec: ParamSpec, flag: String, source: ValueSource) -> String {
        switch source {
        case .pairs: return "key=value"
        case .jsonFile, .file, .commandLine: return "file"
        case .text: break
        }
        let schema = spec.schema.typeName == "array" ? (spec.schema.json["items"]?.objectValue.map(JSONSchema.init) ?? spec.schema) : spec.schema
        if schema.json["format"] == "date" { return "date" }
        if schema.json["pattern"]?.stringValue?.hasPrefix(#"^\d{4}-(0"#) == true { return "month" }
        if schema.typeName == "number" { return "yuan" }
        if schema.typeName == "object" { return "json" }
        return flag
    }

    /// What the help adds to a param's summary: its values, range and default.
    private static func notes(_ spec: ParamSpec, source: ValueSource) -> String {
        var notes: [String] = []
        let items = spec.schema.json["items"]?.objectValue.map(JSONSchema.init)
        if let values = (items ?? spec.schema).allowedValues, !spec.summary.contains(values[0]) {
            notes.append("values: " + values.joined(separator: ", "))
        }
        if let range = spec.range, !spec.summary.contains("\(range.lowerBound)–") { notes.append("\(range.lowerBound)–\(range.upperBound)") }
        if spec.schema.typeName == "array", source == .text { notes.append("comma-separated or repeated") }
        if let value = spec.defaultValue, value != false, !spec.summary.contains("default") {
            notes.append("default: \(value.stringValue ?? JSONWriter.string(value))")
        }
        return notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
    }
}
