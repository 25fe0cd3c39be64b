import LTCOperations

/// The commands of who may reach ltc: `ltc credential …`, and `ltc staff|assessor|institution deactivate`; `ltc audit verify`.
enum AccessSpellings {
    static let all: [CommandSpelling] = [
        CommandSpelling("credential.issue", options: ["for": OptionSpelling(value: "role:id")],
                        examples: [#"ltc credential issue --for institution:I001 --expires 2027-06-30 --note "I001's care system" --actor administrator:wang"#,
                                   "ltc credential issue --for assessor:A01 --json --actor administrator:wang > issued.json   # the token is its member \"token\""]),
        CommandSpelling("credential.list", options: ["for": OptionSpelling(value: "role:id")],
                        examples: ["ltc credential list --actor administrator:wang",
                                   "ltc credential list --for institution:I001 --actor administrator:wang"]),
        CommandSpelling("credential.revoke", arguments: [Positional("credential", value: "id", help: "The credential's id, e.g. C12 (ltc credential list).")],
                        examples: [#"ltc credential revoke C1 --reason "the care system was replaced" --actor administrator:wang"#]),
        CommandSpelling("staff.deactivate", arguments: [Positional("id", value: "id")],
                        examples: [#"ltc staff deactivate zhao --from 2027-01-01 --reason "left the agency" --actor administrator:wang"#]),
        CommandSpelling("assessor.deactivate", arguments: [Positional("id", value: "id")],
                        examples: [#"ltc assessor deactivate A2 --from 2027-01-01 --reason "left the agency" --actor administrator:wang"#]),
        CommandSpelling("institution.deactivate", arguments: [Positional("id", value: "id")],
                        examples: ["ltc institution deactivate I002 --from 2027-01-01 --reason closed --actor administrator:wang"]),
        CommandSpelling("audit.verify", options: ["head": OptionSpelling(value: "position:hash")],
                        examples: ["ltc audit verify --actor auditor:li",
                                   "ltc audit verify --head 91:10cdbef7712206070c5b4dd0a52f95fbd67094b33993c8cd0ff1b624630106fe --actor auditor:li   # the head an earlier verify printed"]),
    ]
}
