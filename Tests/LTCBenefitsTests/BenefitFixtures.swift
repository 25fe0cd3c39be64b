import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

func day(_ text: String) -> CalendarDate { CalendarDate(text)! }
func month(_ text: String) -> YearMonth { YearMonth(text)! }
func yuan(_ text: String) -> Money { Money(json: text.contains(".") ? .number(text) : .integer(Int(text)!))! }

/// A scheme for tests, with numbers that make the arithmetic easy to check by hand.
/// `change` edits the JSON text before it is read.
func fixtureScheme(modeChange: String = "sameDay", start: String = "fromValidity", _ change: (String) -> String = { $0 }) throws -> Scheme {
    let text = """
        {
          "format": "ltc-scheme/1", "id": "benefit-test", "name": {"zh": "测试", "en": "test"}, "region": "test",
          "timeZone": "Asia/Shanghai", "effective": {"from": "2026-01-01", "to": "2028-12-31"}, "description": "tests",
          "assessment": {"forms": ["cn-ltc-2021"], "minimumGrade": 3, "assessorCount": 2, "qualifiedAssessors": 1,
                         "publicityWorkingDays": 5, "validityMonths": 24},
          "eligibility": {"insuranceTypes": ["employee", "resident"], "minimumMonthsEnrolled": 0, "minimumMonthsDisabled": 6},
          "benefits": {
            "grades": [3, 4], "start": "\(start)", "modeChange": "\(modeChange)",
            "modes": [
              {"id": "home", "name": {"zh": "居家", "en": "home"}, "delivery": "home"},
              {"id": "institution", "name": {"zh": "机构", "en": "institution"}, "delivery": "institution"},
              {"id": "family", "name": {"zh": "亲情", "en": "family"}, "delivery": "family"},
              {"id": "visits", "name": {"zh": "上门", "en": "visits"}, "delivery": "home"}
            ],
            "catalogue": [{"code": "S1", "name": {"zh": "照料", "en": "care"}, "unit": "hour", "price": 50}],
            "table": [
              {"grade": 3, "mode": "home", "pricing": "hourly", "unitPrice": 50, "hoursPerWeek": 4, "ratio": 0.9, "monthlyCap": 700, "items": ["S1"]},
              {"grade": 4, "mode": "home", "pricing": "hourly", "unitPrice": 50, "hoursPerWeek": 2, "ratio": 0.9, "monthlyCap": 700},
              {"grade": 3, "mode": "institution", "pricing": "daily", "dailyCap": 70, "ratio": 0.7},
              {"grade": 4, "mode": "institution", "pricing": "daily", "dailyCap": 80, "ratio": 0.7, "monthlyCap": 2000},
              {"grade": 3, "mode": "family", "pricing": "cash", "cashPerMonth": 750},
              {"grade": 4, "mode": "family", "pricing": "cash", "cashPerDay": 30},
              {"grade": 3, "mode": "visits", "pricing": "visit", "unitPrice": 45, "visitsPerWeek": 2, "ratio": 0.8},
              {"grade": 4, "mode": "visits", "pricing": "monthly", "monthlyCap": 1000.05, "ratio": 0.75}
            ],
            "subsidies": [
              {"id": "deduct-one", "name": {"zh": "抵扣补贴", "en": "deducted"}, "interaction": "deduct"},
              {"id": "alongside-one", "name": {"zh": "并行补贴", "en": "alongside"}, "interaction": "alongside"},
              {"id": "exclusive-one", "name": {"zh": "择一补贴", "en": "exclusive"}, "interaction": "exclusive"}
            ],
            "funding": {
              "employee": {"employerRate": 0.002, "individualRate": 0.001, "individualPerCapita": 0, "governmentPerCapita": 0},
              "resident": {"employerRate": 0, "individualRate": 0, "individualPerCapita": 30, "governmentPerCapita": 40}
            }
          }
        }
        """
    return try Scheme.decode(text: Array(change(text).utf8), source: "test.json")
}

/// A case whose grade is in force from `from` to `until`, in `mode` from `from`.
func effectiveCase(grade: Int = 3, from: String, until: String = "2028-12-31", mode: String = "institution") -> Case {
    var record = Case(id: 7, personID: 1, schemeID: "benefit-test", institution: nil, state: .effective,
                      openedOn: day("2026-01-05"), disabledSince: day("2025-01-01"))
    record.determination = Determination(assessmentID: 1, grade: grade, gradeLabel: "重度失能", decidedOn: day(from),
                                         benefitsEligible: grade >= 3, validFrom: day(from), validUntil: day(until))
    record.modes = [ModePeriod(from: day(from), mode: mode)]
    return record
}
