import LTCCore

/// Every operation of ltc, each defined once. The command line, JSON-RPC
/// and HTTP find operations here by name (or by an earlier name), and the
/// help, `rpc.describe` and the OpenRPC document list them from here.
///
/// ```swift
/// let entry = OperationCatalogue.standard.entry(named: "case.terminate")!
/// let output = try entry.invoke(["actor": "administrator:wang", "case": 6, "reason": "death"], caller: .trusting, in: environment)
/// ```
public struct OperationCatalogue: Sendable {
    public let entries: [CatalogueEntry]
    private let byName: [String: Int]

    public init(_ entries: [CatalogueEntry]) {
        self.entries = entries
        var byName: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            precondition(byName[entry.name] == nil, "two operations are named \(entry.name)")
            byName[entry.name] = index
            for alias in entry.aliases {
                precondition(byName[alias] == nil, "\(alias) names two operations")
                byName[alias] = index
            }
        }
        self.byName = byName
    }

    /// The operation `name` or an earlier name of it calls.
    public func entry(named name: String) -> CatalogueEntry? {
        byName[name].map { entries[$0] }
    }

    /// Every name that reaches an operation, earlier names included, sorted.
    public var names: [String] { byName.keys.sorted() }
}
