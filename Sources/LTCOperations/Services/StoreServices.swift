import LTCAssessment
import LTCCases
import LTCCore
import LTCProviders
import LTCReports

/// The services over one store, as the commands and the JSON-RPC methods
/// use them: one store (one connection) shared by all.
///
/// ```swift
/// let services = StoreServices(store: try SQLiteStore(path: "ltc.sqlite"), forms: catalog, clock: SystemClock())
/// try services.intake.submit(bytes, actor: actor, asOf: day)
/// ```
public struct StoreServices: Sendable {
    public let registry: RegistryService
    public let cases: CaseService
    public let agreements: AgreementService
    public let plans: CarePlanService
    public let intake: IntakeService
    public let settlement: SettlementService
    public let cash: CashService
    public let supervision: SupervisionService
    public let monitoring: MonitoringService
    public let enforcement: EnforcementService
    public let reports: FundReportService
    public let registration: ActorRegistration
    public let credentials: CredentialService
    public let audit: AuditService

    /// - Parameter vault: where visit evidence is kept (`StoreLocation.evidenceVault`); `nil`: nowhere.
    public init(store: some CaseStore & ProviderStore, forms: FormCatalog, clock: any WallClock, vault: (any EvidenceVault)? = nil) {
        registry = RegistryService(store: store, clock: clock, ties: EnrolmentTies())
        cases = CaseService(store: store, forms: forms, clock: clock, afterEnd: ServicesAfterEnd(clock: clock), ties: EnrolmentTies(),
                            vault: vault)
        agreements = AgreementService(store: store, clock: clock)
        plans = CarePlanService(store: store, clock: clock, forms: forms)
        intake = IntakeService(store: store, clock: clock)
        settlement = SettlementService(store: store, clock: clock)
        cash = CashService(store: store, clock: clock)
        supervision = SupervisionService(store: store, clock: clock)
        monitoring = MonitoringService(store: store, clock: clock)
        enforcement = EnforcementService(store: store, clock: clock)
        reports = FundReportService(store: store)
        registration = ActorRegistration(store: store, clock: clock)
        credentials = CredentialService(store: store, clock: clock)
        audit = AuditService(store: store, clock: clock)
    }
}
