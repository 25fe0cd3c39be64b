import Foundation
import LTCCore

/// The example schemes built into ltc: `Examples/schemes/*.json`, embedded at
/// build time (the EmbedFiles plugin), so that `ltc demo` and a scheme named
/// by its file name work from any folder. A file at the path given still
/// wins: only a path that does not exist falls back to the built-in scheme
/// of that name.
///
/// ```swift
/// BuiltInSchemes.names   // ["chengdu-2018", "day-rate-2026", "hours-home-care-2026", "qingdao-style-2026", …]
/// let scheme = try BuiltInSchemes.scheme(named: "hours-home-care-2026")
/// ```
public enum BuiltInSchemes {
    /// Their names: the file names without `.json`.
    public static var names: [String] { embeddedSchemeFiles.map { String($0.name.dropLast(".json".count)) } }

    /// The name of the built-in scheme `name` calls (a file name, with or
    /// without `.json` and any folders before it); `nil` if there is none.
    public static func name(matching name: String) -> String? {
        let wanted = String(name.split(separator: "/").last ?? "")
        return names.first { $0 == wanted || $0 + ".json" == wanted }
    }

    /// The built-in scheme called `name` (a file name, with or without `.json`
    /// and any folders before it), decoded; `nil` if there is none.
    public static func scheme(named name: String) throws(SchemeError) -> Scheme? {
        guard let file = try text(named: name) else { return nil }
        return try Scheme.decode(text: file.bytes, source: file.source)
    }

    /// The scheme file of the built-in scheme called `name`, as ``scheme(named:)``
    /// finds it, and where it came from, for a reader that decodes it itself; `nil` if there is none.
    public static func text(named name: String) throws(SchemeError) -> (bytes: [UInt8], source: String)? {
        let wanted = String(name.split(separator: "/").last ?? "")
        guard let file = embeddedSchemeFiles.first(where: { $0.name == wanted || $0.name == wanted + ".json" }) else { return nil }
        let source = "Examples/schemes/\(file.name) (built in)"
        guard let data = Data(base64Encoded: file.base64) else {
            throw SchemeError(file: source, problems: [JSONProblem(path: .root, message: "the embedded copy is damaged; rebuild ltc")])
        }
        return (Array(data), source)
    }
}
