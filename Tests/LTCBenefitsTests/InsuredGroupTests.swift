import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes
import Testing

/// Urumqi's table (乌医保〔2022〕2号, `../shared/domain/schemes.md`): what a
/// month pays, by insured group, mode and grade.
struct UrumqiCell: Sendable, CustomTestStringConvertible {
    var insured: InsuranceType
    var mode: String
    var grade: Int
    var month: String

    var testDescription: String { "\(insured.rawValue), \(mode), grade \(grade): \(month)" }
}

let urumqiTable: [UrumqiCell] = [
    .init(insured: .employee, mode: "home-full-day", grade: 3, month: "1865"),
    .init(insured: .employee, mode: "home-full-day", grade: 4, month: "2022"),
    .init(insured: .employee, mode: "home-full-day", grade: 5, month: "2152"),
    .init(insured: .employee, mode: "institution", grade: 3, month: "1721"),
    .init(insured: .employee, mode: "institution", grade: 4, month: "1865"),
    .init(insured: .employee, mode: "institution", grade: 5, month: "2008"),
    .init(insured: .employee, mode: "home-visit", grade: 3, month: "1860"),
    .init(insured: .employee, mode: "home-visit", grade: 4, month: "2010"),
    .init(insured: .employee, mode: "home-visit", grade: 5, month: "2160"),
    .init(insured: .resident, mode: "home-full-day", grade: 3, month: "1435"),
    .init(insured: .resident, mode: "home-full-day", grade: 4, month: "1578"),
    .init(insured: .resident, mode: "home-full-day", grade: 5, month: "1721"),
    .init(insured: .resident, mode: "institution", grade: 3, month: "1291"),
    .init(insured: .resident, mode: "institution", grade: 4, month: "1435"),
    .init(insured: .resident, mode: "institution", grade: 5, month: "1578"),
    .init(insured: .resident, mode: "home-visit", grade: 3, month: "1440"),
    .init(insured: .resident, mode: "home-visit", grade: 4, month: "1590"),
    .init(insured: .resident, mode: "home-visit", grade: 5, month: "1728"),
]

func urumqi() throws -> Scheme { try #require(try BuiltInSchemes.scheme(named: "urumqi-2022")) }

@Suite("Benefits by insured group: Urumqi's table, cell by cell")
struct UrumqiTableTests {
    @Test("A full month pays the table's amount", arguments: urumqiTable)
    func cell(_ cell: UrumqiCell) throws {
        let quote = try BenefitQuote(scheme: urumqi(), grade: cell.grade, mode: cell.mode, insured: InsuredGroup(cell.insured), month: month("2026-03"))
        #expect(quote.fundShare + quote.cash == yuan(cell.month))
        #expect(quote.personalShare == .zero)
    }

    @Test("Home visits: 30 hours a month at the group's hourly rate (57.60 for a resident at grade 5)")
    func homeVisitHours() throws {
        let quote = try BenefitQuote(scheme: urumqi(), grade: 5, mode: "home-visit", insured: .resident, month: month("2026-02"))
        #expect(quote.minutes == 30 * 60)
        #expect(quote.eligibleCost == yuan("1728"))
        #expect(quote.lines.contains("30 h at 57.60 an hour = 1728.00"))
    }

    @Test("Full-day home care holds 160 of home-visit items; the rest is cash")
    func fullDayHomeCare() throws {
        let quote = try BenefitQuote(scheme: urumqi(), grade: 3, mode: "home-full-day", insured: .employee, month: month("2026-03"))
        #expect(quote.eligibleCost == yuan("160"))
        #expect(quote.fundShare == yuan("160"))
        #expect(quote.cash == yuan("1705"))
    }

    @Test("The same grade and mode pays the two groups differently")
    func groupsDiffer() throws {
        let employee = try BenefitQuote(scheme: urumqi(), grade: 4, mode: "institution", insured: .employee, month: month("2026-03"))
        let resident = try BenefitQuote(scheme: urumqi(), grade: 4, mode: "institution", insured: .resident, month: month("2026-03"))
        #expect(employee.fundShare - resident.fundShare == yuan("430"))
        #expect(resident.json["insured"] == .string("resident"))
    }

    @Test("A quote that does not name the group is refused, naming the groups")
    func groupNeeded() throws {
        let error = #expect(throws: BenefitError.self) {
            try BenefitQuote(scheme: urumqi(), grade: 5, mode: "home-visit", month: month("2026-03"))
        }
        #expect(error?.message.contains("prices grade 5 in home-visit by insured group; name the group (its groups here: employee, resident)") == true)
    }
}

@Suite("Benefit rows for one insured group")
struct InsuredGroupRowTests {
    /// The fixture with a resident row for grade 3 at home beside the shared one.
    func withResidentRow() throws -> Scheme {
        try fixtureScheme {
            $0.replacingOccurrences(of: #"{"grade": 4, "mode": "home","#, with: """
                {"grade": 3, "mode": "home", "insured": "resident", "pricing": "hourly", "unitPrice": 50, "hoursPerWeek": 4, "ratio": 0.8, "monthlyCap": 700},
                {"grade": 4, "mode": "home",
                """)
        }
    }

    @Test("A group's own row wins; everyone else takes the shared row")
    func ownRowWins() throws {
        let scheme = try withResidentRow()
        let resident = try BenefitQuote(scheme: scheme, grade: 3, mode: "home", insured: .resident, month: month("2026-03"))
        let employee = try BenefitQuote(scheme: scheme, grade: 3, mode: "home", insured: .employee, month: month("2026-03"))
        let unnamed = try BenefitQuote(scheme: scheme, grade: 3, mode: "home", month: month("2026-03"))
        #expect(resident.fundShare == yuan("560"))   // 700 × 0.8
        #expect(employee.fundShare == yuan("630"))   // 700 × 0.9
        #expect(unnamed.fundShare == employee.fundShare)
    }

    @Test("A case's entitlement follows the person's insured group")
    func entitlementFollowsPerson() throws {
        var record = effectiveCase(grade: 3, from: "2026-01-01", mode: "home")
        record.insured = .resident
        let resident = try Entitlement(case: record, scheme: withResidentRow(), month: month("2026-03"))
        record.insured = .employee
        let employee = try Entitlement(case: record, scheme: withResidentRow(), month: month("2026-03"))
        #expect(resident.fundShare == yuan("560"))
        #expect(employee.fundShare == yuan("630"))
        #expect(Entitlement.Basis(record) != Entitlement.Basis({ var other = record; other.insured = .resident; return other }()))
    }

    @Test("Group rows must cover every insurance type the scheme covers")
    func everyGroupCovered() {
        let text = problems {
            $0.replacingOccurrences(of: #"{"grade": 3, "mode": "family", "pricing": "cash", "cashPerMonth": 750}"#,
                                    with: #"{"grade": 3, "mode": "family", "insured": "employee", "pricing": "cash", "cashPerMonth": 750}"#)
        }
        #expect(text.contains("$.benefits.table: missing the resident row for grade 3 in mode 'family'"))
    }

    @Test("A second row for the same group, and a group that is not an insurance type, are refused")
    func badGroups() {
        let text = problems {
            $0.replacingOccurrences(of: #"{"grade": 3, "mode": "family", "pricing": "cash", "cashPerMonth": 750}"#, with: """
                {"grade": 3, "mode": "family", "insured": "resident", "pricing": "cash", "cashPerMonth": 750},
                {"grade": 3, "mode": "family", "insured": "resident", "pricing": "cash", "cashPerMonth": 700},
                {"grade": 3, "mode": "family", "insured": "pensioner", "pricing": "cash", "cashPerMonth": 700}
                """)
        }
        #expect(text.contains("$.benefits.table[5]: a second row for grade 3 in mode 'family' for resident insurance"))
        #expect(text.contains("$.benefits.table[6].insured: 'pensioner' is not accepted; use employee, resident"))
        #expect(text.contains("missing the employee row for grade 3 in mode 'family'"))
    }

    @Test("The projection prices each group on its own row and shows the group")
    func projection() throws {
        let projection = try FundProjection(scheme: urumqi(), from: month("2026-03"), beneficiaries: [
            .init(grade: 3, mode: "institution", insured: .employee, count: 10),
            .init(grade: 3, mode: "institution", insured: .resident, count: 10),
        ], insured: [])
        #expect(projection.outlay.map(\.month) == [yuan("17210"), yuan("12910")])
        #expect(projection.csv.split(separator: "\n")[2] == "outlay,3,institution,10,1291.00,12910.00,154920.00,resident")
    }

    func problems(_ change: @escaping (String) -> String) -> String {
        do {
            _ = try fixtureScheme(change)
            return ""
        } catch {
            return String(describing: error)
        }
    }
}

@Suite("Combined packages: cash and a service ceiling in one row")
struct CombinedPackageTests {
    @Test("Tianjin's family carer: 750 a month to the carer, and professional care up to 1100 at 75 %")
    func tianjinFamilyCarer() throws {
        let scheme = try #require(try BuiltInSchemes.scheme(named: "tianjin-style-2026"))
        let quote = try BenefitQuote(scheme: scheme, grade: 4, mode: "family-carer", month: month("2026-04"))
        #expect(quote.cash == yuan("750"))
        #expect(quote.eligibleCost == yuan("1100"))
        #expect(quote.fundShare == yuan("825"))
        #expect(quote.personalShare == yuan("275"))
    }

    @Test("Both parts are prorated to the days in force")
    func prorated() throws {
        let scheme = try #require(try BuiltInSchemes.scheme(named: "tianjin-style-2026"))
        let quote = try BenefitQuote(scheme: scheme, grade: 3, mode: "family-carer", month: month("2026-04"), days: 12)
        #expect(quote.cash == yuan("300"))            // 750 × 12/30
        #expect(quote.eligibleCost == yuan("440"))    // 1100 × 12/30
        #expect(quote.fundShare == yuan("330"))
    }

    @Test("A row gives at most one kind of cash")
    func oneKindOfCash() {
        let text: String
        do {
            _ = try fixtureScheme {
                $0.replacingOccurrences(of: #""dailyCap": 70, "ratio": 0.7}"#, with: #""dailyCap": 70, "ratio": 0.7, "cashPerMonth": 10, "cashPerDay": 1}"#)
            }
            text = ""
        } catch { text = String(describing: error) }
        #expect(text.contains("$.benefits.table[2]: give at most one of cashPerMonth and cashPerDay"))
    }
}

@Suite("Contribution tiers: Qingdao's residents")
struct TierTests {
    @Test("Each grade's cap at each tier's share", arguments: [
        (3, 1, "450", "360"), (3, 2, "450", "337.50"), (4, 1, "660", "528"), (4, 2, "660", "495"), (5, 1, "1050", "840"), (5, 2, "1050", "787.50"),
    ])
    func cell(grade: Int, tier: Int, cap: String, fund: String) throws {
        let scheme = try #require(try BuiltInSchemes.scheme(named: "qingdao-style-2026"))
        let quote = try BenefitQuote(scheme: scheme, grade: grade, mode: "home-care", insured: InsuredGroup(.resident, tier: tier), month: month("2026-04"))
        #expect(quote.eligibleCost == yuan(cap))
        #expect(quote.fundShare == yuan(fund))
        #expect(quote.json["tier"] == .integer(tier))
    }

    @Test("A tier's row wins over its group's, which wins over the row for everyone")
    func precedence() throws {
        let scheme = try fixtureScheme {
            $0.replacingOccurrences(of: #"{"grade": 4, "mode": "home","#, with: """
                {"grade": 3, "mode": "home", "insured": "resident", "pricing": "hourly", "unitPrice": 50, "hoursPerWeek": 4, "ratio": 0.8, "monthlyCap": 700},
                {"grade": 3, "mode": "home", "insured": "resident", "tier": 2, "pricing": "hourly", "unitPrice": 50, "hoursPerWeek": 4, "ratio": 0.7, "monthlyCap": 700},
                {"grade": 4, "mode": "home",
                """)
        }
        func fund(_ group: InsuredGroup?) throws -> Money {
            try BenefitQuote(scheme: scheme, grade: 3, mode: "home", insured: group, month: month("2026-03")).fundShare
        }
        #expect(try fund(InsuredGroup(.resident, tier: 2)) == yuan("490"))
        #expect(try fund(InsuredGroup(.resident, tier: 1)) == yuan("560"))
        #expect(try fund(.resident) == yuan("560"))
        #expect(try fund(InsuredGroup(.employee, tier: 2)) == yuan("630"))
    }

    @Test("A tier needs its group and a number from 1 to 9")
    func badTiers() {
        let text: String
        do {
            _ = try fixtureScheme {
                $0.replacingOccurrences(of: #"{"grade": 3, "mode": "family", "pricing": "cash", "cashPerMonth": 750}"#, with: """
                    {"grade": 3, "mode": "family", "pricing": "cash", "cashPerMonth": 750},
                    {"grade": 3, "mode": "family", "tier": 1, "pricing": "cash", "cashPerMonth": 700},
                    {"grade": 3, "mode": "family", "insured": "resident", "tier": 12, "pricing": "cash", "cashPerMonth": 700}
                    """)
            }
            text = ""
        } catch { text = String(describing: error) }
        #expect(text.contains("$.benefits.table[5].tier: a tier is of an insured group: give 'insured' too"))
        #expect(text.contains("$.benefits.table[6].tier: 12 is not a tier from 1 to 9"))
    }
}
