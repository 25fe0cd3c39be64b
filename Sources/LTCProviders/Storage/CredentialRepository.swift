import LTCCases
import LTCCore

/// The credentials a network front door trusts, each found by its id (the
/// token names it). Credentials are never removed; only the time of last
/// use changes, and a revocation once (the store refuses anything else).
public protocol CredentialRepository {
    func credential(id: CredentialID) throws -> Credential?
    /// Credentials by id, a page at a time; those of one actor where `actor` is given.
    func list(actor: Actor?, page: PageRequest<CredentialID>) throws -> Page<Credential, CredentialID>
    /// Stores a new credential (its `id` is ignored) and gives its id.
    func insert(_ credential: Credential) throws -> CredentialID
    func revoke(_ id: CredentialID, _ revocation: Credential.Revocation) throws
    /// Records a use at `instant`, unless one was recorded after `since`:
    /// a credential presented many times a minute is written once.
    func recordUse(_ id: CredentialID, at instant: String, unlessUsedAfter since: String) throws
}
