import LTCCore
import Testing

/// The one table of what ltc does with each kind of storage failure.
@Suite("Storage failure kinds")
struct StorageFailureKindTests {
    @Test("each kind's exit status, whether it is worth trying again, and its JSON-RPC code", arguments: [
        (StorageFailureKind.busy, Int32(75), true), (.conflict, 75, true), (.unavailable, 69, true), (.diskFull, 75, true),
        (.readOnly, 65, false), (.damaged, 65, false), (.constraint, 65, false), (.other, 65, false),
    ])
    func table(kind: StorageFailureKind, exitStatus: Int32, retryable: Bool) {
        #expect(kind.exitStatus == exitStatus)
        #expect(kind.retryable == retryable)
        #expect(StorageFailureKind.rpcCode == 1019)
    }

    @Test("every kind is in the table, and a retryable failure never ends as unusable input")
    func complete() {
        #expect(StorageFailureKind.allCases.count == 8)
        #expect(StorageFailureKind.allCases.filter(\.retryable).allSatisfy { $0.exitStatus != 65 })
    }

    @Test("a busy database and a full disk say what to do; the other kinds' messages say it themselves")
    func advice() {
        #expect(StorageFailureKind.busy.advice?.contains("busy") == true)
        #expect(StorageFailureKind.diskFull.advice?.contains("disk holding the database is full") == true)
        #expect(StorageFailureKind.allCases.filter { $0.advice != nil } == [.busy, .diskFull])
    }
}
