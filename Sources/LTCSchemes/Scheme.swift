import LTCCore

/// A city's LTCI rules for a period, loaded from a scheme file
/// (`Examples/schemes/`, format `ltc-scheme/1`) and stored in the database
/// by `ltc scheme load`. Every number a scheme may change is here, not in code.
///
/// ```swift
/// let scheme = try Scheme.decode(text: bytes, source: "Examples/schemes/hours-home-care.json")
/// scheme.assessment.publicityWorkingDays   // 5
/// ```
public struct Scheme: Sendable {
    public static let fileFormat = "ltc-scheme/1"

    public struct Assessment: Sendable, Equatable {
        /// The forms whose results this scheme accepts.
        public var forms: [String]
        /// The lowest grade that earns benefits (commonly 3, severe I).
        public var minimumGrade: Int
        /// Assessors on each assessment, and how many of them need a medical or care qualification.
        public var assessorCount: Int
        public var qualifiedAssessors: Int
        /// Working days a determination is published before it takes effect.
        public var publicityWorkingDays: Int
        /// Months a grade stays valid (at most 24 under national rules).
        public var validityMonths: Int
        /// How far back an enrolment with an assessor's employer bars the
        /// assessor from assessing the person (`conflictLookBackMonths`;
        /// 12 when the file leaves it out). The national texts restated in
        /// `../shared/domain/cn-ltc-2021.md` set no period: it is the scheme's.
        public var conflictLookBackMonths: Int = Self.defaultConflictLookBackMonths
        /// Working days from acceptance within which the on-site visit is due, and the conclusion
        /// (`visitWithinWorkingDays`, `conclusionWithinWorkingDays`); `nil`: the scheme sets none.
        public var visitWithinWorkingDays: Int? = nil
        public var conclusionWithinWorkingDays: Int? = nil
        /// The kinds of visit evidence (photo, video, signature) an assessment
        /// must carry before a determination (`evidenceRequired`; none when left out).
        public var evidenceRequired: [String] = []
        /// Experts (评估专家) among the assessors of a re-assessment after an
        /// objection (`reviewExperts`): city practice has an expert pool decide
        /// objections (cn-ltc-2021.md, Xingtai). 0 when left out.
        public var reviewExperts = 0
        /// The share of each month's determinations drawn for an audit
        /// re-assessment (抽查复评, `auditRate`); `nil`: the scheme draws none.
        public var auditRate: Ratio? = nil
        /// Months a grade must have been in force before the person may ask for
        /// a re-assessment on a change of condition (`conditionChangeAfterMonths`; 0 when left out).
        public var conditionChangeAfterMonths = 0
        /// Other departments' results the scheme recognizes (`recognition`).
        public var recognition: [Recognition] = []

        /// The evidence kinds a scheme may require.
        public static let evidenceKinds = ["photo", "video", "signature"]

        public static let defaultConflictLookBackMonths = 12
    }

    public struct Eligibility: Sendable, Equatable {
        /// A document an application must come with (申请材料).
        public struct Material: Sendable, Equatable {
            public var id: String
            public var name: LocalizedText
        }

        public var insuranceTypes: [InsuranceType]
        public var minimumMonthsEnrolled: Int
        public var minimumMonthsDisabled: Int
        /// The materials an application must come with; none when the scheme lists none.
        public var materials: [Material] = []
        /// Months after a refusal, or a grade below the minimum, before the
        /// person may apply again (0: at once).
        public var waitingMonths = 0
    }

    public var id: String
    public var name: LocalizedText
    public var region: String
    /// IANA time zone id, e.g. Asia/Shanghai: "today" is read in it.
    public var timeZone: String
    public var effectiveFrom: CalendarDate
    public var effectiveTo: CalendarDate
    public var description: String
    public var assessment: Assessment
    public var eligibility: Eligibility
    public var calendar: WorkingCalendar
    /// The benefit rules; `nil` for a scheme that only runs assessments and cases.
    public var benefits: BenefitSettings?
    /// The negative list, the penalties and the credit rules; `nil` where the scheme does not supervise institutions.
    public var supervision: SupervisionSettings? = nil
    /// Institutions' yearly budgets and what happens above them; `nil` where the scheme sets no budgets.
    public var budget: BudgetSettings? = nil
    /// What a provider must show to be designated; `nil` where the scheme sets no criteria.
    public var admission: AdmissionSettings? = nil
    /// Inspections' repeat period, due process before a penalty, discretion benchmarks, self-reports, credit rewards and the fund's risk warning; `nil` where the scheme is silent.
    public var enforcement: EnforcementSettings? = nil
    /// The file as loaded, kept so the database holds exactly what was approved.
    public var document: JSONValue

    public func isInForce(on date: CalendarDate) -> Bool {
        effectiveFrom <= date && date <= effectiveTo
    }

    public var summaryJSON: JSONValue {
        [
            "id": .string(id), "name": name.json, "region": .string(region), "timeZone": .string(timeZone),
            "effectiveFrom": .string(effectiveFrom.description), "effectiveTo": .string(effectiveTo.description),
        ]
    }
}
