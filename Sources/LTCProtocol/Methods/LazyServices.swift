import LTCCases
import LTCCore
import LTCOperations

/// A worker's services, made on first use, so that a stream that only scores never opens a database.
/// One worker thread uses it at a time.
public final class LazyServices: @unchecked Sendable {
    // `made` is read and written only by the worker that owns this object.
    private let make: @Sendable () throws -> StoreServices
    private var made: StoreServices?
    /// The actors found registered so far: an actor is never unregistered,
    /// so each is looked up once per process.
    private var registered: Set<Actor> = []
    /// The actor every request acts as (`ltc rpc --actor`), if the process was started for one.
    let pinned: Actor?

    /// - Parameter pinned: who acts for the whole process; a request naming
    ///   another actor is refused. Without it the process trusts each request's
    ///   `actor`, as a library trusts its caller.
    public init(pinned: Actor? = nil, make: @escaping @Sendable () throws -> StoreServices) {
        self.pinned = pinned
        self.make = make
    }

    /// The request's actor, who must be registered (staff, an assessor, an institution).
    func actor(_ params: RPCParams) throws -> Actor {
        let actor = try named(params)
        if !registered.contains(actor) {
            let services = try get()
            try services.registration.require(actor)
            registered.insert(actor)
        }
        return actor
    }

    /// The request's actor, registered or not: the pinned one, which a request may name but not change.
    func named(_ params: RPCParams) throws -> Actor {
        let named = try params.string("actor").map { text throws(CaseError) in try Actor(text) }
        if let pinned {
            if let named, named != pinned {
                throw CaseError(.forbidden, "this process acts only as \(pinned) (ltc rpc --actor); the request names \(named)",
                                details: ["actor": .string(named.description), "pinned": .string(pinned.description)])
            }
            return pinned
        }
        guard let named else { throw CaseError(.invalidInput, "actor is required: ROLE:ID, e.g. administrator:wang") }
        return named
    }

    /// The request's `asOf`, which only an administrator may set.
    func date(_ params: RPCParams, actor: Actor) throws -> CalendarDate? {
        guard let date = try params.date("asOf") else { return nil }
        try Access.require(actor, .setClock)
        return date
    }

    func get() throws -> StoreServices {
        if let made { return made }
        let services = try make()
        made = services
        return services
    }
}

/// The paging parameters of every listing method, and the cursor of the next page in its result.
enum Paging {
    static let limit = RPCParameter("limit", .integer, required: false, "At most this many (1–10000; default 100).")
    static func after(_ type: RPCParameter.ValueType, _ what: String) -> RPCParameter {
        RPCParameter("after", type, required: false, "Only those after this \(what): the `next` of the previous page.")
    }

    static func request(_ params: RPCParams) throws -> PageRequest<Int> {
        try PageRequest(after: params.int("after"), limit: params.int("limit"))
    }

    static func request(_ params: RPCParams) throws -> PageRequest<String> {
        try PageRequest(after: params.string("after"), limit: params.int("limit"))
    }

    /// `{name: [items], next}`: `next` is null on the last page.
    static func result<Item, Cursor>(_ name: String, _ page: Page<Item, Cursor>, cursor: (Cursor) -> JSONValue, item: (Item) -> JSONValue) -> JSONValue {
        [name: .array(page.items.map(item)), "next": page.next.map(cursor) ?? .null]
    }
}
