import LTCCases
import LTCCore
import LTCOperations

/// The commands of review, evidence, bars and care plans: `ltc case recognize|evidence|change-of-condition|audit-draw`,
/// `ltc assessor findings`, `ltc bar …`, `ltc plan …`.
enum CaseReviewSpellings {
    static let caseID = Positional("case", value: "id")

    static let all: [CommandSpelling] = [
        CommandSpelling("case.recognize", arguments: [caseID],
                        options: ["assessedOn": OptionSpelling(value: "date"), "issuedBy": OptionSpelling(value: "name"),
                                  "reference": OptionSpelling(value: "text")],
                        examples: ["ltc case recognize 1 --form gbt-42195-2022 --grade 4 --assessed-on 2026-02-10 --issued-by 区民政局 --reference MZ-2026-0012 --actor administrator:wang"]),
        CommandSpelling("case.evidence", arguments: [caseID],
                        options: ["path": OptionSpelling(flag: "file", value: "path", help: "The file.")],
                        examples: ["ltc case evidence add 1 --file bedside.jpg --kind photo --actor assessor:A01"],
                        abstract: "Attach a file to the case's latest visit; it is kept in the evidence folder under its SHA-256."),
        CommandSpelling("case.evidenceList", arguments: [caseID]),
        CommandSpelling("case.reportChange", arguments: [caseID],
                        examples: ["ltc case change-of-condition 1 --reason \"a stroke in May\" --actor administrator:wang"]),
        CommandSpelling("case.auditDraw",
                        options: ["month": OptionSpelling(value: "YYYY-MM"), "seed": OptionSpelling(value: "n")],
                        examples: ["ltc case audit-draw --scheme shanghai-2026 --month 2026-05 --actor administrator:wang",
                                   "ltc case audit-draw --scheme shanghai-2026 --month 2026-05 --seed 42 --actor administrator:wang"],
                        discussion: "Each picked case's next assignment (ltc case assign ID --draw) is its audit round, by assessors other than the first; "
                            + "a changed grade is a finding against them (ltc assessor findings)."),
        CommandSpelling("assessor.findings"),
        CommandSpelling("bar.add",
                        options: ["nationalId": OptionSpelling(value: "id")],
                        examples: ["ltc bar add --national-id 11010519491231002X --name 赵某 --role principal --months 60 --from 2026-06-01 --institution I001 --reason \"fraud confirmed\" --actor administrator:wang",
                                   "ltc bar add --national-id 11010519491231002X --name 赵某 --role staff --months 6 --from 2026-06-01 --institution I001 --reason \"false logs\" --actor administrator:wang"]),
        CommandSpelling("bar.list"),
    ]
}
