import LTCCore
import LTCOperations

/// How one operation of the catalogue is typed on the command line: its
/// words, which params come by position, what the options are called where
/// the params' names are not what people type, the options of the command
/// line alone (where to write a letter), and its examples. Everything else —
/// the params, their types, allowed values and limits, who may run it, what
/// it returns — is the operation's, in the catalogue.
///
/// ```swift
/// CommandSpelling("case.terminate", arguments: [Positional("case", value: "id")],
///                 examples: ["ltc case terminate 1 --reason death --on 2026-03-20 --actor administrator:wang"])
/// ```
struct CommandSpelling: Sendable {
    /// Fills in or changes the params before the operation runs (reads a
    /// file, walks an assessor through a form).
    typealias Prepare = @Sendable (inout CommandInvocation, CommandSession) throws -> Void
    /// Shows the result where printing its text or JSON is not enough (writes a letter to a file).
    typealias Render = @Sendable (any OperationOutput, CommandInvocation) throws -> Void

    let operation: String
    /// The words after `ltc`; `nil`: the operation's command.
    var path: [String]?
    /// Earlier words that still run it.
    var aliases: [[String]]
    var arguments: [Positional]
    /// How params are typed where not as `--kebab-name VALUE`, by param name.
    var options: [String: OptionSpelling]
    var extras: [ExtraOption]
    var examples: [String]
    var discussion: String
    /// What the command does, where it says more or other than the operation's summary.
    var abstract: String?
    var prepare: Prepare?
    var render: Render?
    /// Another operation the same command runs when a flag is given (`case assign --draw`).
    var variants: [Variant]

    init(_ operation: String, path: [String]? = nil, aliases: [[String]] = [], arguments: [Positional] = [],
         options: [String: OptionSpelling] = [:], extras: [ExtraOption] = [], examples: [String] = [], abstract: String? = nil, discussion: String = "",
         variants: [Variant] = [], prepare: Prepare? = nil, render: Render? = nil) {
        self.operation = operation
        self.path = path
        self.aliases = aliases
        self.arguments = arguments
        self.options = options
        self.extras = extras
        self.examples = examples
        self.discussion = discussion
        self.abstract = abstract
        self.variants = variants
        self.prepare = prepare
        self.render = render
    }
}

/// A param given by position.
struct Positional: Sendable {
    var param: String
    /// Its name in the usage line: `<id>`.
    var value: String
    var source: ValueSource
    /// Help other than the param's summary (what the file holds, say).
    var help: String?
    /// Whether the command line must give it: by default, when the param is required.
    var required: Bool?

    init(_ param: String, value: String, source: ValueSource = .text, help: String? = nil, required: Bool? = nil) {
        self.param = param
        self.value = value
        self.source = source
        self.help = help
        self.required = required
    }
}

/// How a value typed on the command line becomes a param's JSON.
enum ValueSource: Sendable {
    /// The text, read as the param's type says (a whole number, an amount,
    /// a list of values separated by commas, a date).
    case text
    /// `KEY=VALUE`, repeatable: an object (`--price S01=60 --price S02=55`).
    case pairs
    /// A file holding the JSON value (`-` for standard input).
    case jsonFile
    /// A file the operation reads itself, a block at a time (`-` for standard input).
    case file
    /// Kept as typed for the command's prepare step, which makes the param
    /// of it (an answers file that may hold a FHIR response or native answers).
    case commandLine
}

/// A param's option where it is not `--kebab-name VALUE`.
struct OptionSpelling: Sendable {
    var flag: String?
    var value: String?
    var source: ValueSource = .text
    /// Not on the command line (set by the prepare step, or by extras).
    var hidden = false
    /// Help other than the param's summary.
    var help: String?
    /// Whether the command runs without it though the operation needs it (its prepare step asks instead).
    var optional = false

    init(flag: String? = nil, value: String? = nil, source: ValueSource = .text, hidden: Bool = false, help: String? = nil, optional: Bool = false) {
        self.flag = flag
        self.value = value
        self.source = source
        self.hidden = hidden
        self.help = help
        self.optional = optional
    }

    static let hidden = OptionSpelling(hidden: true)
}

/// An option of the command line alone: it sets a member inside a param
/// (`--agent NAME` is `agent.name`), or tells the command what to do with
/// the result (`--html FILE`).
struct ExtraOption: Sendable {
    var flag: String
    /// The value's name; `nil` for a flag.
    var value: String?
    var help: String
    /// The member of the params it sets, if any: `["agent", "name"]`.
    var into: [String]?
    var required: Bool
    var repeatable: Bool

    init(_ flag: String, value: String? = nil, help: String, into: [String]? = nil, required: Bool = false, repeatable: Bool = false) {
        self.flag = flag
        self.value = value
        self.help = help
        self.into = into
        self.required = required
        self.repeatable = repeatable
    }
}

/// Another operation a command runs when a flag is given.
struct Variant: Sendable {
    var flag: String
    var spelling: CommandSpelling
}
