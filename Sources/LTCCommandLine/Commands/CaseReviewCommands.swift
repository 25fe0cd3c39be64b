import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore

/// `ltc case recognize|evidence|change-of-condition|audit-draw`: what makes a grade hold up.
extension CaseCommand {
    struct Recognize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recognize", abstract: "Recognize another department's result in place of an assessment (评估结果互认), where the scheme maps its grade.",
            discussion: "The scheme's assessment.recognition names the forms, how recent a result may be, and which of their grades stand for which of its own.\n\n"
                + examples("ltc case recognize 1 --form gbt-42195-2022 --grade 4 --assessed-on 2026-02-10 --issued-by 区民政局 --reference MZ-2026-0012 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "The other form's id, e.g. gbt-42195-2022.") var form: String
        @Option(help: "The grade on that form.") var grade: Int
        @Option(name: .customLong("assessed-on"), help: ArgumentHelp("The result's date.", valueName: "date")) var assessedOn: String
        @Option(name: .customLong("issued-by"), help: ArgumentHelp("Who issued it.", valueName: "name")) var issuedBy: String
        @Option(help: ArgumentHelp("Its document number.", valueName: "text")) var reference: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let (record, assessment) = try options.cases().recognize(caseID: id, formID: form, grade: grade, assessedOn: try parseDate(assessedOn, "--assessed-on"),
                                                                         issuedBy: issuedBy, reference: reference, actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(["case": record.json, "assessment": assessment.json]); return }
                print("case \(id): \(form) grade \(grade) recognized as grade \(assessment.grade) (\(reference)); next: determine")
            }
        }
    }

    struct EvidenceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evidence", abstract: "Attach visit evidence (photos, video, signatures) by content hash, and list it checked.",
            subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", abstract: "Attach a file to the case's latest visit; it is kept in the evidence folder under its SHA-256.",
                discussion: "The folder is DB.evidence beside an SQLite file; for PostgreSQL, LTC_EVIDENCE_DIR.\n\n"
                    + examples("ltc case evidence add 1 --file bedside.jpg --kind photo --actor assessor:A01"))
            @Argument(help: "The case id.") var id: Int
            @Option(help: ArgumentHelp("The file.", valueName: "path")) var file: String
            @Option(help: "photo, video or signature.") var kind: String
            @Option(help: "A name for people (default: the file's).") var name: String?
            @OptionGroup var options: CaseOptions

            func run() throws {
                try reportingErrors {
                    let evidence = try options.cases().attachEvidence(caseID: id, path: file, name: name, kind: try Evidence.Kind(named: kind),
                                                                      actor: try options.actingAs(), asOf: try options.date())
                    if options.json { printJSON(evidence.json); return }
                    print("case \(id): \(evidence.kind.rawValue) \(evidence.name) attached to assessment \(evidence.assessmentID), sha256 \(evidence.digest)")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List a case's evidence, each file checked against its digest.")
            @Argument(help: "The case id.") var id: Int
            @OptionGroup var options: CaseOptions

            func run() throws {
                try reading {
                    let items = try options.cases().evidence(caseID: id, actor: try options.actingAs())
                    if options.json {
                        printJSON(["evidence": .array(items.map { $0.evidence.json(state: $0.state) })])
                        return
                    }
                    if items.isEmpty { print("case \(id): no evidence"); return }
                    for (evidence, state) in items {
                        print("\(evidence.kind.rawValue)\t\(evidence.name)\tassessment \(evidence.assessmentID)\t\(evidence.bytes) bytes\t\(evidence.digest.prefix(16))…\t\(state.rawValue)\t\(evidence.addedBy) \(evidence.addedOn)")
                    }
                }
            }
        }
    }

    struct ChangeOfCondition: CaseChangeCommand {
        static let configuration = CommandConfiguration(
            commandName: "change-of-condition", abstract: "Record the person's report of a changed condition: a re-assessment is due before the grade ends.",
            discussion: examples("ltc case change-of-condition 1 --reason \"a stroke in May\" --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: "What changed.") var reason: String
        @OptionGroup var options: CaseOptions

        func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case {
            try service.reportChange(caseID: id, reason: reason, actor: actor, asOf: date)
        }
    }

    struct AuditDraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit-draw", abstract: "Draw the scheme's share of a month's determinations for an audit re-assessment (抽查复评).",
            discussion: "Each picked case's next assignment (ltc case assign ID --draw) is its audit round, by assessors other than the first; "
                + "a changed grade is a finding against them (ltc assessor findings).\n\n"
                + examples("ltc case audit-draw --scheme shanghai-2026 --month 2026-05 --actor administrator:wang",
                           "ltc case audit-draw --scheme shanghai-2026 --month 2026-05 --seed 42 --actor administrator:wang"))
        @Option(help: "The scheme id.") var scheme: String
        @Option(help: ArgumentHelp("The month whose determinations are drawn from.", valueName: "YYYY-MM")) var month: String
        @Option(help: ArgumentHelp("The draw's seed (default: a random one, kept in the audit trail).", valueName: "n")) var seed: UInt64?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let month = YearMonth(self.month) else { throw CaseError(.invalidInput, "--month '\(self.month)' is not YYYY-MM") }
                let draw = try options.cases().drawAudits(schemeID: scheme, month: month, seed: seed, actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(draw.json); return }
                print("\(month): \(draw.picked.count) of \(draw.pool.count) determinations drawn for audit (seed \(draw.seed)): cases \(draw.picked.map(String.init).joined(separator: ", "))")
            }
        }
    }
}

extension AssessorCommand {
    struct Findings: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "findings", abstract: "List grades changed on audit re-assessment, held against the first assessors.")
        @Option(help: "Only this assessor's.") var assessor: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let found = try options.cases().findings(assessor: assessor, actor: try options.actingAs(), page: try page.request())
                if options.json {
                    printJSON(["findings": .array(found.items.map(\.json)), "next": found.next.map(JSONValue.integer) ?? .null])
                    return
                }
                if found.items.isEmpty { print("no findings") }
                for finding in found.items {
                    print("\(finding.id)\t\(finding.assessor)\tcase \(finding.caseID)\tgrade \(finding.grade) → \(finding.auditedGrade) (\(finding.direction))\t\(finding.foundOn)")
                }
                if let footer = PageOptions.footer(found.next) { print(footer) }
            }
        }
    }
}
