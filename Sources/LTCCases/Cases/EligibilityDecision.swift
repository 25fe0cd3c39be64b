import LTCCore

/// The eligibility check of a case: every rule of the scheme with what it
/// requires, what was found, and whether it passed. Stored with the case.
public struct EligibilityDecision: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var id: String
        public var requirement: String
        public var found: String
        public var passed: Bool
    }

    public var checkedOn: CalendarDate
    public var rules: [Rule]

    public var passed: Bool { rules.allSatisfy(\.passed) }

    /// The coded grounds of a refusal, in order, each once.
    public var grounds: [NonAcceptanceGround] {
        var grounds: [NonAcceptanceGround] = []
        for rule in rules where !rule.passed {
            if let ground = NonAcceptanceGround(rule: rule.id), !grounds.contains(ground) { grounds.append(ground) }
        }
        return grounds
    }

    public var json: JSONValue {
        [
            "checkedOn": .string(checkedOn.description),
            "passed": .bool(passed),
            "rules": .array(rules.map {
                var rule: JSONObject = ["id": .string($0.id), "requirement": .string($0.requirement), "found": .string($0.found), "passed": .bool($0.passed)]
                if !$0.passed, let ground = NonAcceptanceGround(rule: $0.id) {
                    rule.set("ground", .string(ground.rawValue))
                    rule.set("groundMeaning", .string(ground.meaning))
                }
                return .object(rule)
            }),
        ]
    }

    init?(json: JSONValue) {
        guard let date = json["checkedOn"]?.stringValue.flatMap(CalendarDate.init), let rules = json["rules"]?.arrayValue else { return nil }
        checkedOn = date
        self.rules = rules.compactMap { rule in
            guard let id = rule["id"]?.stringValue, let requirement = rule["requirement"]?.stringValue,
                  let found = rule["found"]?.stringValue, let passed = rule["passed"]?.boolValue else { return nil }
            return Rule(id: id, requirement: requirement, found: found, passed: passed)
        }
    }

    init(checkedOn: CalendarDate, rules: [Rule]) {
        self.checkedOn = checkedOn
        self.rules = rules
    }
}
