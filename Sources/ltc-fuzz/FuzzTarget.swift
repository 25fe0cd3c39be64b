import LTCOperations
import Foundation
import LTCAssessment
import LTCCore
import LTCProtocol
import LTCProviders
import LTCSchemes
import LTCStorage

/// What ltc reads from outside, one input at a time, for libFuzzer: every
/// input must end in a value or a typed error, never a crash, a hang or a
/// leak. Chosen by name (`LTC_FUZZ_TARGET`, or the replay's first argument).
enum FuzzTarget: String, CaseIterable {
    /// The JSON parser; what it parses must write back and parse to the same value.
    case json
    /// The service-log reader, CSV and JSON Lines.
    case logs
    /// An assessment form document.
    case form
    /// A scheme document.
    case scheme
    /// The JSON-RPC line handler, over a store with the example scheme and
    /// an institution (on tmpfs when there is one).
    case rpc

    func run(_ bytes: [UInt8]) {
        switch self {
        case .json:
            guard let value = try? JSONParser.parse(bytes) else { return }
            let written = JSONWriter.string(value)
            guard let again = try? JSONParser.parse(Array(written.utf8)), again == value else {
                fatalError("JSON written from a parsed value does not parse back to it: \(written)")
            }
        case .logs:
            var stream = LogReader.Stream(bytes)
            while let lines = stream.next(upTo: 64) { _ = lines.count }
        case .form:
            _ = try? AssessmentForm.decode(text: bytes, source: "fuzz")
        case .scheme:
            _ = try? Scheme.decode(text: bytes, source: "fuzz")
        case .rpc:
            var line = bytes
            _ = line.withUnsafeMutableBufferPointer { RPCWorld.shared.server.respond(to: UnsafeBufferPointer($0)) }
        }
    }
}

/// One server for every rpc input: a fresh store per input would make each
/// run cost a migration.
final class RPCWorld: Sendable {
    static let shared = RPCWorld()
    let server: RPCServer

    /// The store's file, removed (with its write-ahead log) when the process exits.
    static let path = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()) + "/ltc-fuzz-\(getpid()).sqlite"

    private init() {
        let path = Self.path
        atexit {
            for suffix in ["", "-wal", "-shm"] { unlink(RPCWorld.path + suffix) }
        }
        do {
            let catalog = try FormCatalog.load()
            let store = try SQLiteStore(path: path)
            let environment = OperationEnvironment(forms: catalog) { StoreServices(store: store, forms: catalog, clock: SystemClock()) }
            server = RPCServer(catalogue: .standard(), environment: environment)
            for request in RPCWorld.setUp { _ = server.respond(to: request) }
        } catch {
            fatalError("the rpc fuzz world cannot be set up: \(error)")
        }
    }

    /// A scheme, an institution and a person, so that requests reach past "not found".
    static var setUp: [String] {
        let scheme = (try? String(contentsOfFile: "Examples/schemes/hours-home-care-2026.json", encoding: .utf8)) ?? "{}"
        return [
            #"{"jsonrpc":"2.0","id":0,"method":"staff.add","params":{"actor":"administrator:fuzz","id":"fuzz","role":"administrator"}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"scheme.load","params":{"actor":"administrator:fuzz","asOf":"2026-01-01","scheme":\#(scheme)}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"person.add","params":{"actor":"administrator:fuzz","asOf":"2026-01-01","name":"陈老伯","nationalId":"110105194001011238","insurance":"employee","enrolledOn":"2020-01-01"}}"#,
        ]
    }
}
