import LTCCases
import LTCCore
import LTCSchemes

extension AgreementService {
    /// The service catalogue of a scheme as a logs file must meet it
    /// (``ServiceCatalogue``): the scheme named, else the one in force on
    /// `day` (the institution's, where several are). With an institution
    /// (an institution acting is always its own), its agreed prices and
    /// modes from its agreement in force that day. Any registered actor reads
    /// a scheme's catalogue; an institution reads no other's prices.
    public func catalogue(schemeID: String?, institution: String?, actor: Actor, on day: CalendarDate) throws -> ServiceCatalogue {
        let institution = institution ?? (actor.role == .institution ? actor.id : nil)
        if let institution { try Access.requireReadable(actor, institution: institution, "the agreement of \(institution)") }
        return try store.read { tx in
            let agreement = try institution.map { try tx.agreements.agreements(institution: $0) }?
                .first { $0.terms(coveringDay: day) != nil && (schemeID == nil || $0.schemeID == schemeID) }
            let scheme: Scheme
            if let id = schemeID ?? agreement?.schemeID {
                guard let stored = try tx.schemes.scheme(id: id) else {
                    throw CaseError(.noSchemeInForce, "no stored scheme '\(id)'; stored: \(try tx.schemes.summaries().map(\.id).joined(separator: ", "))")
                }
                scheme = stored
            } else {
                let inForce = try tx.schemes.inForce(on: day)
                guard inForce.count == 1 else {
                    throw CaseError(inForce.isEmpty ? .noSchemeInForce : .invalidInput, inForce.isEmpty ? "no scheme is in force on \(day)"
                                    : "schemes \(inForce.map(\.id).joined(separator: ", ")) are in force on \(day): name one with scheme")
                }
                scheme = inForce[0]
            }
            return ServiceCatalogue(scheme: scheme, agreed: agreement?.terms(coveringDay: day), institution: institution)
        }
    }
}
