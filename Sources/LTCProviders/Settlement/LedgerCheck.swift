import LTCCore

/// An institution's accepted services of a month added up: what the usage
/// ledger holds for it (`institution_months`), or what its logs add up to.
public struct LedgerTotals: Sendable, Equatable {
    public var institution: String
    public var logs: Int
    public var billed: Money
    public var allowed: Money
    public var fund: Money

    public init(institution: String, logs: Int = 0, billed: Money = .zero, allowed: Money = .zero, fund: Money = .zero) {
        self.institution = institution
        self.logs = logs
        self.billed = billed
        self.allowed = allowed
        self.fund = fund
    }

    /// The ledger's totals a statement starts from.
    public init(_ statement: Statement) {
        self.init(institution: statement.institution, logs: statement.logs, billed: statement.billed, allowed: statement.allowed,
                  fund: statement.fund)
    }

    public var json: JSONValue {
        ["logs": .integer(logs), "billed": billed.json, "allowed": allowed.json, "fund": fund.json]
    }

    var summary: String { "\(logs) log\(logs == 1 ? "" : "s"), billed \(billed), allowed \(allowed), fund \(fund)" }
}

/// Settlement pays from the usage ledger, which intake keeps in the same
/// transaction as the logs; the ledger is only a running total, and a
/// holder of the database can change it (`update institution_months set
/// fund = …`) without touching a log. So before a month is settled, each
/// institution's month is added up again from its accepted logs, in the
/// settlement's own transaction, and any difference stops the settlement
/// (issue 30, finding 10: one log of 58.50 was paid 58,500.00).
///
/// ```swift
/// try LedgerCheck.require(ledger: try tx.usage.statementTotals(month: month).map(LedgerTotals.init),
///                         logs: try tx.logs.acceptedTotals(month: month), month: month)
/// ```
public enum LedgerCheck {
    /// Throws ``LedgerMismatch`` for the first institution (by id) whose
    /// ledger and logs differ in the number of logs or any amount.
    public static func require(ledger: [LedgerTotals], logs: [LedgerTotals], month: YearMonth) throws(LedgerMismatch) {
        let booked = Dictionary(ledger.map { ($0.institution, $0) }, uniquingKeysWith: { first, _ in first })
        let counted = Dictionary(logs.map { ($0.institution, $0) }, uniquingKeysWith: { first, _ in first })
        let differing = Set(booked.keys).union(counted.keys).sorted().filter { institution in
            (booked[institution] ?? LedgerTotals(institution: institution)) != (counted[institution] ?? LedgerTotals(institution: institution))
        }
        guard let first = differing.first else { return }
        throw LedgerMismatch(month: month, ledger: booked[first] ?? LedgerTotals(institution: first),
                             logs: counted[first] ?? LedgerTotals(institution: first), others: differing.count - 1)
    }
}

/// The usage ledger of an institution's month differs from its accepted
/// logs: the ledger was changed outside ltc, or is damaged. Nothing is
/// settled. A storage failure of kind `damaged` (exit 65, JSON-RPC 1019),
/// kept in the audit trail as the refused settlement it stopped.
public struct LedgerMismatch: StorageFailure, Equatable {
    public var month: YearMonth
    public var ledger: LedgerTotals
    public var logs: LedgerTotals
    /// How many other institutions' months differ too.
    public var others: Int

    public var institution: String { ledger.institution }
    public var kind: String { "storage" }
    public var storage: StorageFailureKind { .damaged }

    public var description: String {
        "the usage ledger of \(institution) for \(month) does not match its accepted logs: the ledger holds \(ledger.summary); "
            + "the logs add up to \(logs.summary)"
            + (others > 0 ? " (and \(others) other institution\(others == 1 ? "" : "s") differ)" : "")
            + "; nothing was settled: the ledger (institution_months) was changed outside ltc or is damaged"
    }

    public var details: JSONObject {
        ["storage": .string(storage.rawValue), "retryable": .bool(storage.retryable), "message": .string(description),
         "institution": .string(institution), "month": .string(month.description), "ledger": ledger.json, "logs": logs.json,
         "others": .integer(others)]
    }
}
