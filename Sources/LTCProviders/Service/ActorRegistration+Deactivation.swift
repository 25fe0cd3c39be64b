import LTCCases
import LTCCore

/// Deactivating staff, assessors and institutions (issue 30, item 11): an
/// administrator records from which day the actor may no longer act, and
/// why. From that day ``ActorRegistration/require(_:)`` refuses it, for every
/// command and request and every credential issued for it.
extension ActorRegistration {
    /// The registers an actor is deactivated from.
    public enum Register: String, Sendable, CaseIterable {
        case staff, assessor, institution

        /// The operation the audit trail records: `staff.deactivate`, …
        public var action: String { "\(rawValue).deactivate" }
    }

    /// Deactivates the staff member, assessor or institution `id` from
    /// `from` (a day in the past is recorded as given: what the actor did
    /// before today stands). Refused for an actor already deactivated, and
    /// for the last administrator: the scheme keeps one who may act (and
    /// deactivate, and register staff).
    ///
    /// ```swift
    /// try registration.deactivate(.assessor, id: "A2", from: CalendarDate("2026-07-01")!, reason: "left the agency", actor: admin, asOf: nil)
    /// ```
    public func deactivate(_ register: Register, id: String, from: CalendarDate, reason: String, actor: Actor, asOf: CalendarDate?) throws -> Deactivation {
        let date = try registry.day(asOf)
        let operation = Operation(register.action, subject: "\(register.rawValue):\(id)", actor: actor, asOf: date, reason: reason)
        defer { AccessChanges.record() }   // after the commit (or the refusal): a cached credential is checked again
        return try work.change(operation, on: store.transactions) { tx in
            try Access.require(actor, .manageAccess)
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "a deactivation needs a reason: say why the actor may no longer act") }
            let subject = try registered(register, id: id, in: tx)
            if let earlier = try tx.deactivations.deactivation(of: subject) {
                throw CaseError(.duplicate, "\(subject) is already deactivated from \(earlier.from); a deactivation is final")
            }
            if subject.role == .administrator, try !tx.deactivations.hasAdministrator(besides: subject.id) {
                throw CaseError(.invalidInput, "\(subject) is the last administrator who may act: register another (ltc staff add ID --role administrator) before deactivating this one")
            }
            let deactivation = Deactivation(actor: subject, from: from, reason: reason, by: actor, on: date)
            try tx.deactivations.insert(deactivation)
            return Outcome(deactivation, after: deactivation.json)
        }
    }

    /// The actor registered as `id` in `register`, or ``CaseError/Kind/notFound``.
    private func registered(_ register: Register, id: String, in tx: any ProviderTransaction) throws -> Actor {
        switch register {
        case .staff:
            guard let member = try tx.staff.member(id: id) else { throw CaseError(.notFound, "no staff member \(id)") }
            return member.actor
        case .assessor:
            guard try tx.assessors.assessor(id: id) != nil else { throw CaseError(.notFound, "no assessor \(id)") }
            return Actor(role: .assessor, id: id)
        case .institution:
            guard try tx.institutions.institution(id: id) != nil else { throw CaseError(.notFound, "no institution \(id)") }
            return Actor(role: .institution, id: id)
        }
    }
}
