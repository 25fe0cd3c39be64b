import LTCOperations
import LTCAssessment
import LTCBenefits
import LTCCases
import LTCCore
import LTCReports
import LTCSchemes

/// The JSON-RPC methods on stored data not yet in the operation catalogue:
/// review and care plans (`CaseMethods+Review.swift`, `+Plans.swift`).
/// Every one takes `actor` ("role:id"); changes take an optional `asOf`
/// date. They all read or change stored state, so each runs after every
/// earlier request of the stream has been answered.
public struct CaseMethods: Sendable {
    /// The worker's services, opened on first use.
    private let services: LazyServices

    public init(services: LazyServices) {
        self.services = services
    }

    static let actor = RPCParameter("actor", .string, required: false,
                                    "Who is acting: administrator:ID, auditor:ID, assessor:ID or institution:ID; required unless the process was started with --actor, and then only that one.")
    static let asOf = RPCParameter("asOf", .string, required: false,
                                   "The date of the operation (YYYY-MM-DD; administrators only); default today in the scheme's time zone.")
    static let caseID = RPCParameter("case", .integer, "The case id.")

    /// A method on stored data: its actor checked, its date read, run after every earlier request.
    func method(_ name: String, _ summary: String, _ parameters: [RPCParameter], result: String, example: JSONObject,
                _ body: @escaping @Sendable (StoreServices, RPCParams, Actor, CalendarDate?) throws -> JSONValue) -> RPCMethod {
        let services = self.services
        return RPCMethod(name: name, summary: summary, parameters: parameters, result: result, example: example, ordering: .sequential) { params in
            let actor = try services.actor(params)
            return try body(try services.get(), params, actor, try services.date(params, actor: actor))
        }
    }

    /// Every case method is in the catalogue now.
    public var methods: [RPCMethod] { [] }
}

extension CaseMethods {
    static func insurance(_ name: String, _ parameter: String) throws(CaseError) -> InsuranceType {
        guard let type = InsuranceType(rawValue: name) else {
            throw CaseError(.invalidInput, "\(parameter) '\(name)' is not an insurance type; accepted: \(InsuranceType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return type
    }

    static func month(_ params: RPCParams, _ name: String) throws(CaseError) -> YearMonth {
        guard let text = params.string(name), let month = YearMonth(text) else {
            throw CaseError(.invalidInput, "\(name) must be a month, YYYY-MM")
        }
        return month
    }

    /// The stored scheme the params name, else the built-in example of that name.
    static func scheme(_ services: StoreServices, _ params: RPCParams) throws -> Scheme {
        let id = params.string("scheme")!
        if let stored = try services.registry.storedScheme(id: id) { return stored }
        if let builtIn = try BuiltInSchemes.scheme(named: id) { return builtIn }
        return try services.registry.scheme(id: id)
    }
}

extension RPCParams {
    /// A date parameter, if given; an error naming it if it is not YYYY-MM-DD.
    func date(_ name: String) throws(CaseError) -> CalendarDate? {
        guard let text = string(name) else { return nil }
        guard let date = CalendarDate(text) else { throw CaseError(.invalidInput, "\(name) '\(text)' is not a date; use YYYY-MM-DD") }
        return date
    }
}
