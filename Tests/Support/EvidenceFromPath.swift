import Foundation
import LTCCases
import LTCCore

extension CaseService {
    /// Attaches the file at `path` as the tests write it: its bytes, named by the file's name.
    public func attachEvidence(caseID: Int, path: String, kind: Evidence.Kind, actor: Actor, asOf: CalendarDate?) throws -> Evidence {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        return try attachEvidence(caseID: caseID, content: .bytes(bytes), name: String(path.split(separator: "/").last ?? ""),
                                  kind: kind, actor: actor, asOf: asOf)
    }
}
