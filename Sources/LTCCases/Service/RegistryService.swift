import LTCCore
import LTCSchemes

/// The scheme's registers: schemes, insured people and assessors. The CLI
/// and the JSON-RPC methods both call these; every change is one audited
/// transaction (``UnitOfWork``).
///
/// ```swift
/// let registry = RegistryService(store: store, clock: SystemClock())
/// let admin = try Actor("administrator:wang")
/// let person = try registry.addPerson(name: "陈老伯", nationalID: "11010519491231002X", insurance: .employee,
///                                     enrolledOn: CalendarDate("2015-07-01")!, actor: admin, asOf: nil)
/// ```
public struct RegistryService: Sendable {
    public let store: any CaseStore
    let work: UnitOfWork
    let choice: SchemeChoice
    let ties: (any InstitutionTies)?

    /// - Parameter ties: the institution registry, to check an assessor's
    ///   employer; `nil` where the store keeps no institutions.
    public init(store: any CaseStore, clock: any WallClock, ties: (any InstitutionTies)? = nil) {
        self.store = store
        work = UnitOfWork(clock: clock)
        choice = SchemeChoice(clock: clock)
        self.ties = ties
    }

    // MARK: Schemes

    /// Stores a validated scheme. Two schemes of one region may not be in force on the same day.
    public func load(_ scheme: Scheme, actor: Actor, asOf: CalendarDate?) throws -> Scheme {
        let date = asOf ?? work.clock.today(in: scheme.timeZone)
        return try work.change(Operation("scheme.load", subject: "scheme:\(scheme.id)", actor: actor, asOf: date), on: store.transactions) { tx in
            try Access.require(actor, .manageSchemes)
            if try tx.schemes.scheme(id: scheme.id) != nil {
                throw CaseError(.duplicate, "scheme '\(scheme.id)' is already loaded; give a new version a new id")
            }
            if let other = try tx.schemes.overlapping(region: scheme.region, from: scheme.effectiveFrom, to: scheme.effectiveTo).first {
                throw CaseError(.invalidScheme, "scheme '\(scheme.id)' (\(scheme.effectiveFrom) to \(scheme.effectiveTo)) overlaps '\(other.id)' (\(other.effectiveFrom) to \(other.effectiveTo)) in region \(scheme.region)")
            }
            try tx.schemes.insert(scheme)
            return Outcome(scheme, after: scheme.summaryJSON)
        }
    }

    /// Stored schemes by id, a page at a time.
    public func schemes(page: PageRequest<String>) throws -> Page<Scheme, String> {
        try store.read { try $0.schemes.list(page: page) }
    }

    /// A stored scheme.
    public func scheme(id: String) throws -> Scheme {
        try store.read { tx in
            guard let scheme = try tx.schemes.scheme(id: id) else {
                let ids = try tx.schemes.summaries().map(\.id)
                throw CaseError(.noSchemeInForce, "no stored scheme '\(id)'; stored: \(ids.isEmpty ? "none" : ids.joined(separator: ", "))")
            }
            return scheme
        }
    }

    /// The stored scheme `id`, or `nil` if there is none.
    public func storedScheme(id: String) throws -> Scheme? {
        try store.read { try $0.schemes.scheme(id: id) }
    }

    /// `asOf`, or today in the time zone of the stored schemes.
    public func day(_ asOf: CalendarDate?) throws -> CalendarDate {
        try store.read { try choice.day(asOf, in: $0.schemes) }
    }

    // MARK: People

    /// - Parameter tier: the person's contribution tier, where the scheme has tiers (1–9).
    public func addPerson(name: String, nationalID: String, insurance: InsuranceType, tier: Int? = nil, enrolledOn: CalendarDate,
                          actor: Actor, asOf: CalendarDate?) throws -> InsuredPerson {
        let date = try day(asOf)
        return try work.change(Operation("person.add", subject: "person:new", actor: actor, asOf: date), on: store.transactions) { tx in
            try Access.require(actor, .manageRegisters)
            let id = try NationalID(nationalID)
            guard !name.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "a person needs a name") }
            try PlainText.require(name, "name")
            if let existing = try tx.people.person(nationalID: id) {
                throw CaseError(.duplicate, "national ID \(id.masked) is already registered as person \(existing.id)")
            }
            guard enrolledOn >= id.birthDate else {
                throw CaseError(.invalidInput, "enrolment date \(enrolledOn) is before the birth date \(id.birthDate) in the ID number")
            }
            if let tier, !InsuredGroup.tiers.contains(tier) {
                throw CaseError(.invalidInput, "tier \(tier) is not a contribution tier from \(InsuredGroup.tiers.lowerBound) to \(InsuredGroup.tiers.upperBound)")
            }
            var person = InsuredPerson(id: 0, name: name, nationalID: id, insurance: insurance, enrolledOn: enrolledOn, status: .insured)
            person.tier = tier
            person.id = try tx.people.insert(person)
            return Outcome(person, subject: "person:\(person.id)", after: person.json(fullID: false))
        }
    }

    /// One line of a bulk registration.
    public struct PersonRow: Sendable {
        public var line: Int
        public var name: String
        public var nationalID: String
        public var insurance: String
        public var enrolledOn: String

        public init(line: Int, name: String, nationalID: String, insurance: String, enrolledOn: String) {
            self.line = line
            self.name = name
            self.nationalID = nationalID
            self.insurance = insurance
            self.enrolledOn = enrolledOn
        }
    }

    /// Registers many people at once: every row is checked first and all
    /// problems are reported together; then all are stored in one transaction
    /// (with one audit event each), so an interrupted import leaves nothing.
    ///
    /// - Parameter progress: called every thousand people stored, with how many are.
    public func importPeople(_ rows: [PersonRow], actor: Actor, asOf: CalendarDate?, progress: ((Int) -> Void)? = nil) throws -> Int {
        let date = try day(asOf)
        let operation = Operation("person.import", subject: "people", actor: actor, asOf: date, reason: "\(rows.count) people")
        return try work.change(operation, on: store.transactions) { tx in
            try Access.require(actor, .manageRegisters)
            var problems: [String] = []
            var people: [InsuredPerson] = []
            var seen: [NationalID: Int] = [:]
            for row in rows {
                do throws(CaseError) {
                    let id = try NationalID(row.nationalID)
                    guard let insurance = InsuranceType(rawValue: row.insurance) else {
                        throw CaseError(.invalidInput, "insurance '\(row.insurance)' is not accepted; use employee or resident")
                    }
                    guard let enrolled = CalendarDate(row.enrolledOn) else {
                        throw CaseError(.invalidInput, "enrolledOn '\(row.enrolledOn)' is not a date; use YYYY-MM-DD")
                    }
                    guard !row.name.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "a person needs a name") }
                    if let problem = PlainText.problem(in: row.name, as: .name) { throw CaseError(.invalidInput, "name \(problem)") }
                    if let first = seen[id] {
                        throw CaseError(.duplicate, "national ID \(id.masked) also on line \(first)")
                    }
                    seen[id] = row.line
                    people.append(InsuredPerson(id: 0, name: row.name, nationalID: id, insurance: insurance, enrolledOn: enrolled, status: .insured))
                } catch {
                    problems.append("line \(row.line): \(error.message)")
                }
            }
            let registered = try tx.people.registered(people.map(\.nationalID))
            for person in people where registered.contains(person.nationalID) {
                problems.append("line \(seen[person.nationalID]!): national ID \(person.nationalID.masked) is already registered")
            }
            guard problems.isEmpty else {
                throw CaseError(.invalidInput, "\(problems.count) of \(rows.count) lines refused, nothing imported: " + problems.prefix(20).joined(separator: "; ")
                                + (problems.count > 20 ? "; …" : ""), details: ["problems": .array(problems.map { .string($0) })])
            }
            for (index, var person) in people.enumerated() {
                if index % 1000 == 0 { progress?(index) }
                person.id = try tx.people.insert(person)
                try tx.audit.append(work.event(Operation("person.add", subject: "person:\(person.id)", actor: actor, asOf: date, reason: "import"),
                                               .done, after: person.json(fullID: false)))
                CrashPoint.reach("person.import.row")
            }
            return Outcome(people.count, after: ["imported": .integer(people.count)])
        }
    }

    /// A person, for an actor who may see them (an administrator, or one with a case of theirs in scope).
    public func person(id: Int, actor: Actor) throws -> InsuredPerson {
        try work.read(Operation("person.show", subject: "person:\(id)", actor: actor, asOf: try day(nil)), on: store.transactions) { tx in
            let scope = Access.scope(of: actor)
            guard let person = try tx.people.person(id: id) else {
                throw scope == .all ? CaseError(.notFound, "no person \(id)") : .notYours("person \(id)", refused: false)
            }
            guard try scope == .all || tx.cases.hasCase(person: id, in: scope) else { throw CaseError.notYours("person \(id)", refused: true) }
            return person
        }
    }

    /// The people the actor may see, by id, a page at a time.
    public func people(actor: Actor, page: PageRequest<Int>) throws -> Page<InsuredPerson, Int> {
        try store.read { try $0.people.list(scope: Access.scope(of: actor), page: page) }
    }

    // MARK: Staff

    /// Registers an administrator or an auditor. On an empty registry the
    /// first member is an administrator who registers themselves (`ltc staff
    /// add wang --role administrator --actor administrator:wang`): ltc has no
    /// one else to ask. From then on only a registered administrator adds staff.
    public func addStaff(id: String, role: StaffMember.Role, name: String?, actor: Actor, asOf: CalendarDate?) throws -> StaffMember {
        let date = try day(asOf)
        return try work.change(Operation("staff.add", subject: "staff:\(id)", actor: actor, asOf: date), on: store.transactions) { tx in
            let member = StaffMember(id: id, role: role, name: name, addedOn: date)
            if try tx.staff.isEmpty() {
                guard actor == member.actor, role == .administrator else {
                    throw CaseError(.forbidden, "no staff is registered yet: the first member is an administrator registering themselves, e.g. `ltc staff add \(actor.id) --role administrator --actor administrator:\(actor.id)`",
                                    details: ["actor": .string(actor.description)])
                }
            } else {
                try Access.require(actor, .manageRegisters)
                try requireStaff(actor, in: tx)
            }
            _ = try Actor(member.actor.description)   // the id as an actor id: no spaces or control characters
            if let name { try PlainText.require(name, "name") }
            if let existing = try tx.staff.member(id: id) {
                throw CaseError(.duplicate, "\(id) is already registered staff (\(existing.role.rawValue))")
            }
            try tx.staff.insert(member)
            return Outcome(member, after: member.json)
        }
    }

    /// The staff registry, by id, a page at a time (administrators and auditors).
    public func staff(actor: Actor, page: PageRequest<String>) throws -> Page<StaffMember, String> {
        try work.read(Operation("staff.list", subject: "staff", actor: actor, asOf: try day(nil)), on: store.transactions) { tx in
            try Access.require(actor, .readAll)
            return try tx.staff.list(page: page)
        }
    }

    /// Throws unless `actor`, an administrator or auditor, is registered staff
    /// with that role, and not deactivated.
    func requireStaff(_ actor: Actor, in tx: any CaseTransaction) throws {
        guard let role = StaffMember.Role(rawValue: actor.role.rawValue) else { return }
        guard let member = try tx.staff.member(id: actor.id) else {
            if try tx.staff.isEmpty() {
                throw CaseError(.forbidden, "no staff is registered yet: the first administrator registers themselves with `ltc staff add \(actor.id) --role administrator --actor administrator:\(actor.id)`",
                                details: ["actor": .string(actor.description)])
            }
            throw CaseError(.forbidden, "\(actor) is not registered staff; an administrator registers staff with `ltc staff add \(actor.id) --role \(role.rawValue)`",
                            details: ["actor": .string(actor.description)])
        }
        guard member.role == role else {
            throw CaseError(.forbidden, "\(actor.id) is registered as \(member.role.rawValue), not \(role.rawValue)", details: ["actor": .string(actor.description)])
        }
        try requireActive(actor, in: tx)
    }

    /// Throws unless `actor` exists and is not deactivated: staff in the staff
    /// registry, an assessor in the assessor registry. (Institutions are
    /// registered with the providers: see `ActorRegistration` in
    /// LTCProviders; here only their deactivation is checked.)
    public func requireRegistered(_ actor: Actor, in tx: any CaseTransaction) throws {
        switch actor.role {
        case .administrator, .auditor:
            try requireStaff(actor, in: tx)
        case .assessor:
            guard try tx.assessors.assessor(id: actor.id) != nil else {
                throw CaseError(.forbidden, "\(actor) is not in the assessor registry (an administrator registers assessors with `ltc assessor add`)",
                                details: ["actor": .string(actor.description)])
            }
            try requireActive(actor, in: tx)
        case .institution:
            try requireActive(actor, in: tx)
        }
    }

    /// Throws ``CaseError/Kind/forbidden`` if `actor` is deactivated today
    /// (``Deactivation``): today by the clock, never an `asOf`, so that no
    /// date an operation names lets a deactivated actor act again.
    public func requireActive(_ actor: Actor, in tx: any CaseTransaction) throws {
        guard let deactivation = try tx.deactivations.deactivation(of: actor) else { return }
        let today = try today(in: tx)
        guard !deactivation.isInForce(on: today) else {
            throw CaseError(.forbidden, "\(actor) was deactivated from \(deactivation.from) and may no longer act",
                            details: ["actor": .string(actor.description)])
        }
    }

    /// Today by the clock, in the time zone of the stored schemes, read in `tx`.
    public func today(in tx: any CaseTransaction) throws -> CalendarDate {
        try choice.day(nil, in: tx.schemes)
    }

    // MARK: Assessors

    /// - Parameters:
    ///   - agency: the assessment agency the assessor works for.
    ///   - certificateUntil: the last day the certificate is valid, where it expires.
    public func addAssessor(id: String, name: String, qualification: Assessor.Qualification, employer: String?,
                            agency: String? = nil, certificateUntil: CalendarDate? = nil, expert: Bool = false,
                            actor: Actor, asOf: CalendarDate?) throws -> Assessor {
        let date = try day(asOf)
        return try work.change(Operation("assessor.add", subject: "assessor:\(id)", actor: actor, asOf: date), on: store.transactions) { tx in
            try Access.require(actor, .manageRegisters)
            try PlainText.require(id, "assessor id", as: .id)
            guard !id.contains(where: \.isWhitespace) else { throw CaseError(.invalidInput, "assessor id '\(id)' must be non-empty with no spaces") }
            guard !name.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "an assessor needs a name") }
            try PlainText.require(name, "name")
            if let employer {
                try PlainText.require(employer, "employer", as: .id)
                if let ties, try !ties.isRegistered(institution: employer, in: tx) {
                    throw CaseError(.invalidInput, "employer \(employer) is not a registered institution; register it first (ltc institution add), or leave the employer out",
                                    details: ["employer": .string(employer)])
                }
            }
            if try tx.assessors.assessor(id: id) != nil { throw CaseError(.duplicate, "assessor \(id) is already registered") }
            if let agency {
                try PlainText.require(agency, "agency")
                // Where the store keeps institutions, an agency is one of them: registered as an assessment agency.
                if let ties {
                    switch try ties.agencyStanding(agency, on: date, in: tx) {
                    case .unregistered:
                        throw CaseError(.invalidInput, "agency \(agency) is not registered; register it first (ltc institution add --type assessmentAgency)")
                    case .notAnAgency:
                        throw CaseError(.invalidInput, "\(agency) is a care institution, not an assessment agency")
                    case .notDesignated, .designated:
                        break
                    }
                }
            }
            var assessor = Assessor(id: id, name: name, qualification: qualification, employer: employer)
            assessor.agency = agency
            assessor.certificateUntil = certificateUntil
            assessor.expert = expert
            try tx.assessors.insert(assessor)
            return Outcome(assessor, after: assessor.json)
        }
    }

    /// The assessor registry, by id, a page at a time (administrators and auditors).
    public func assessors(actor: Actor, page: PageRequest<String>) throws -> Page<Assessor, String> {
        try work.read(Operation("assessor.list", subject: "assessors", actor: actor, asOf: try day(nil)), on: store.transactions) { tx in
            try Access.require(actor, .readAll)
            return try tx.assessors.list(page: page)
        }
    }
}
