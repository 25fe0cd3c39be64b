/// Whose institution records a listing may hold for an actor: administrators
/// and auditors every institution's, an institution its own, an assessor
/// none. A listing is filtered, never refused: an institution asking for
/// another's gets nothing, as if there were none.
///
/// ```swift
/// Access.reach(try Actor("institution:I001"), asking: nil)      // .one("I001")
/// Access.reach(try Actor("institution:I001"), asking: "I002")   // .none
/// Access.reach(try Actor("auditor:fund"), asking: nil)          // .every
/// ```
public enum InstitutionReach: Sendable, Equatable {
    case every
    case one(String)
    case none
}

extension Access {
    /// What a listing of institution records holds for `actor`, asked for `requested` (nil: all it may see).
    public static func reach(_ actor: Actor, asking requested: String?) -> InstitutionReach {
        switch actor.role {
        case .administrator, .auditor: requested.map { .one($0) } ?? .every
        case .institution: requested == nil || requested == actor.id ? .one(actor.id) : .none
        case .assessor: .none
        }
    }

    /// Throws "not found or not yours" unless `actor` may read `institution`'s
    /// record: the same words whether it exists or not, so that a refusal tells
    /// nothing of another institution.
    public static func requireReadable(_ actor: Actor, institution: String, _ what: String) throws(CaseError) {
        guard reach(actor, asking: institution) != .none else { throw CaseError.notYours(what, refused: true) }
    }
}
