import Synchronization
import LTCCases
import LTCProviders
import LTCSchemes

/// Decoded schemes shared by a store's transactions.
final class SchemeCache: Sendable {
    private let schemes = Mutex<[String: Scheme]>([:])

    func scheme(_ id: String) -> Scheme? { schemes.withLock { $0[id] } }
    func keep(_ scheme: Scheme) { schemes.withLock { $0[scheme.id] = scheme } }
    func clear() { schemes.withLock { $0.removeAll() } }
}

/// One transaction's repositories, on the store's connection, whichever the engine.
struct SQLTransaction<Database: SQLConnection>: ProviderTransaction {
    let database: Database
    let schemeCache: SchemeCache

    init(database: Database, schemes: SchemeCache) {
        self.database = database
        schemeCache = schemes
    }

    var schemes: any SchemeRepository { SQLSchemes(database: database, cache: schemeCache) }
    var people: any PersonRepository { SQLPeople(database: database) }
    var assessors: any AssessorRepository { SQLAssessors(database: database) }
    var staff: any StaffRepository { SQLStaff(database: database) }
    var deactivations: any DeactivationRepository { SQLDeactivations(database: database) }
    var cases: any CaseRepository { SQLCases(database: database) }
    var assessments: any AssessmentRepository { SQLAssessments(database: database) }
    var drafts: any AssessmentDraftRepository { SQLAssessmentDrafts(database: database) }
    var audit: any AuditTrail { SQLAuditTrail(database: database) }
    var findings: any FindingRepository { SQLFindings(database: database) }
    var institutions: any InstitutionRepository { SQLInstitutions(database: database) }
    var agreements: any AgreementRepository { SQLAgreements(database: database) }
    var plans: any CarePlanRepository { SQLCarePlans(database: database) }
    var caregivers: any CaregiverRepository { SQLCaregivers(database: database) }
    var enrolments: any EnrolmentRepository { SQLEnrolments(database: database) }
    var logs: any ServiceLogRepository { SQLServiceLogs(database: database) }
    var usage: any UsageLedger { SQLUsageLedger(database: database) }
    var settlements: any SettlementRepository { SQLSettlements(database: database) }
    var holds: any HoldRepository { SQLHolds(database: database) }
    var cash: any CashRepository { SQLCashPayments(database: database) }
    var supervision: any SupervisionRepository { SQLSupervision(database: database) }
    var monitoring: any MonitoringRepository { SQLMonitoring(database: database) }
    var bars: any BarRepository { SQLBars(database: database) }
    var enforcement: any EnforcementRepository { SQLEnforcement(database: database) }
    var credentials: any CredentialRepository { SQLCredentials(database: database) }
}
