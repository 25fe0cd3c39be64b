import LTCCases
import LTCCore
import LTCProviders

/// `catalogue.get`: what a logs file may name, with what each item needs.
public enum GetCatalogue: StoreOperation {
    public static let name = "catalogue.get"
    public static let summary = "A scheme's service catalogue as a logs file must meet it: each item's unit, modes, qualifications, plausible minutes, planning limits and price."
    public static let discussion = "The scheme in force today unless one is named. An institution sees its agreed prices and modes beside the scheme's; an administrator or auditor sees an institution's with institution."
    public static let command = "catalogue"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{scheme, modes, institution, agreedModes, items: [{code, name, unit, modes, qualifications, minutes, maxPerWeek, maxPerDay, price, agreedPrice}], lateDays, checkInRadiusMeters}"
    public static let example: JSONObject = ["actor": "institution:I001", "scheme": "hours-home-care-2026"]

    public struct Input: Params {
        @Param("scheme", "The scheme's id (default: the scheme in force today).", .text(.id)) public var scheme: String?
        @Param("institution", "Show this institution's agreed prices (an institution: its own, the default).", .text(.id)) public var institution: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CatalogueOutput {
        CatalogueOutput(catalogue: try context.services.agreements.catalogue(schemeID: input.scheme, institution: input.institution,
                                                                            actor: context.actor, on: try context.day()))
    }
}

/// A scheme's service catalogue (``ServiceCatalogue``).
public struct CatalogueOutput: OperationOutput {
    public let catalogue: ServiceCatalogue
    public var json: JSONValue { catalogue.json }
    public var text: String { CatalogueText.text(catalogue) }
    public static var schema: JSONSchema { RecordSchemas.serviceCatalogue }
}
