import LTCCore

/// The deactivations of staff, assessors and institutions, one at most per
/// actor, kept as recorded (the store refuses to change or remove one).
public protocol DeactivationRepository {
    /// The actor's deactivation, if it has one.
    func deactivation(of actor: Actor) throws -> Deactivation?
    /// The deactivations of these actors (those without one are left out): for a draw's pool.
    func deactivations(of actors: Set<Actor>) throws -> [Actor: Deactivation]
    func insert(_ deactivation: Deactivation) throws
    /// Whether an administrator other than `id` is registered with no
    /// deactivation at all: the scheme keeps one who may act.
    func hasAdministrator(besides id: String) throws -> Bool
}
