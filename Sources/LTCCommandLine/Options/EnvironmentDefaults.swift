import Foundation
import LTCCases
import LTCCore

/// The options a command line may leave to the environment, and in which
/// order they are read: the option given, else its variable, else the
/// default. `--db` falls back to `LTC_DB`, then `./ltc.sqlite`; `--actor` to
/// `LTC_ACTOR`, then nothing (a command that acts on stored data is refused,
/// exit 64, naming both). A variable set to the empty string counts as unset.
///
/// `ltc rpc` reads `LTC_DB` but never `LTC_ACTOR`: a process that serves
/// others pins its actor only where it is started (`ltc rpc --actor`), never
/// from whatever its parent's environment holds.
enum EnvironmentDefaults {
    /// The variable `--db` falls back to.
    static let databaseVariable = "LTC_DB"
    /// The variable `--actor` falls back to.
    static let actorVariable = "LTC_ACTOR"

    /// The database a command works on: `--db`, else `$LTC_DB`, else `./ltc.sqlite`.
    static func database(_ option: String?) -> String {
        option ?? value(databaseVariable) ?? "ltc.sqlite"
    }

    /// `$LTC_ACTOR`, checked as an actor is, or `nil` when unset; an unusable
    /// value is refused naming the variable, not `--actor`, which was not given.
    static func actor() throws -> String? {
        guard let text = value(actorVariable) else { return nil }
        do {
            _ = try Actor(text)
        } catch {
            throw InputError(source: actorVariable, message: error.message)
        }
        return text
    }

    /// Whether `$LTC_ACTOR` names someone (usable or not: its problem is said when it is read).
    static var actorIsSet: Bool { value(actorVariable) != nil }

    private static func value(_ name: String) -> String? {
        guard let text = ProcessInfo.processInfo.environment[name], !text.isEmpty else { return nil }
        return text
    }
}
