import LTCCases
import LTCCore
import LTCSchemes

/// The conclusion letter (评估结论告知书) of a case's latest determination,
/// in Chinese and English, as one printable HTML page: the person (ID
/// masked), the assessment (date, place, form, assessors), the grade and
/// whether it earns benefits, the explanation from the scoring, and the
/// right to object with its last day (the end of publicity), or that the
/// conclusion is final after a re-assessment. The procedure it follows:
/// conclusion, publicity, delivery of the letter, objection and re-assessment
/// (`../shared/domain/cn-ltc-2021.md`, procedure facts).
///
/// ```swift
/// let letter = try ConclusionLetter(view: try cases.show(caseID: 1, actor: admin), scheme: scheme)
/// try letter.html.write(toFile: "letter-1.html", atomically: true, encoding: .utf8)
/// ```
public struct ConclusionLetter: Sendable {
    public let html: String

    /// The letter of case `caseID`, for an actor who may see the case.
    /// - Parameter names: the English names of a form's items and dimensions by id, given the form's id.
    public static func of(caseID: Int, actor: Actor, cases: CaseService, registry: RegistryService,
                          names: (String) -> [String: String] = { _ in [:] }) throws -> ConclusionLetter {
        let view = try cases.show(caseID: caseID, actor: actor)
        let formID = (view.record.pending ?? view.record.determination).flatMap { decision in
            view.assessments.first { $0.id == decision.assessmentID }?.formID
        }
        return try ConclusionLetter(view: view, scheme: try registry.scheme(id: view.record.schemeID),
                                    wording: LetterWording(names: formID.map(names) ?? [:]))
    }

    /// - Parameter wording: how the English explanation names items and dimensions (``LetterWording``).
    public init(view: CaseService.CaseView, scheme: Scheme, wording: LetterWording = LetterWording(names: [:])) throws(CaseError) {
        let record = view.record
        guard let decision = record.pending ?? record.determination else {
            throw CaseError(.invalidInput, "case \(record.id) has no conclusion yet: the letter follows the determination (ltc case determine)")
        }
        guard let assessment = view.assessments.first(where: { $0.id == decision.assessmentID }) else {
            throw CaseError(.notFound, "case \(record.id): the assessment of its conclusion (#\(decision.assessmentID)) is not stored")
        }
        let english = assessment.result["grade"]?["label"]?["en"]?.stringValue ?? ""
        func lines(_ language: String) -> [String] {
            let lines = assessment.result["explanation"]?[language]?.arrayValue?.compactMap(\.stringValue) ?? []
            return language == "en" ? lines.map(wording.english) : lines
        }
        let objection: String
        if record.state == .publicity, let ends = record.publicityEnds {
            objection = """
                <p>如对本结论有异议，可在公示期内（至 <b>\(ends)</b>）向经办机构提出复评申请；复评结论为最终结论。</p>
                <p>If you disagree with this conclusion, you may ask the agency for a re-assessment during the publicity period,
                until <b>\(ends)</b>. The re-assessment's conclusion is final.</p>
                """
        } else if assessment.round == .reassessment {
            objection = "<p>本结论为复评结论，是最终结论。</p><p>This conclusion follows a re-assessment and is final.</p>"
        } else {
            objection = "<p>公示期已结束，本结论已生效。</p><p>The publicity period has ended; this conclusion is in force.</p>"
        }
        let validity = decision.validFrom.map { from in
            "<tr><th>有效期 Valid</th><td>\(from) – \(decision.validUntil.map(\.description) ?? "")</td></tr>"
        } ?? ""
        let benefits = decision.benefitsEligible
            ? "符合长期护理保险待遇条件 · eligible for long-term care insurance benefits"
            : "未达到享受待遇的等级（最低 \(scheme.assessment.minimumGrade) 级）· below the grade that earns benefits (\(scheme.assessment.minimumGrade))"
        html = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>评估结论告知书 Conclusion letter · case \(record.id)</title>
            <style>
            body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC",serif;max-width:44em;margin:2em auto;color:#111;line-height:1.6}
            h1{font-size:1.35em;text-align:center;margin-bottom:.2em}h1 small{display:block;font-size:.7em;font-weight:normal;color:#444}
            table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}
            th{width:28%;background:#f3f3f3;font-weight:normal}.grade{font-size:1.2em;font-weight:bold}
            .signature{margin-top:3em;text-align:right}
            @media print{@page{size:A4;margin:18mm}body{margin:0;max-width:none}}
            </style></head><body>
            <h1>长期护理保险失能等级评估结论告知书<small>Notice of the long-term care disability assessment conclusion</small></h1>
            <table>
            <tr><th>参保人 Insured person</th><td>\(htmlEscaped(view.person.name)) (\(view.person.nationalID.masked))</td></tr>
            <tr><th>案件 Case</th><td>\(record.id) · \(htmlEscaped(scheme.name.zh)) / \(htmlEscaped(scheme.name.en))</td></tr>
            <tr><th>评估 Assessment</th><td>\(assessment.assessedOn), \(htmlEscaped(assessment.place)); \(htmlEscaped(assessment.formID)) (\(htmlEscaped(assessment.formVersion)));
            评估人员 assessors \(assessment.assessors.map(htmlEscaped).joined(separator: ", "))</td></tr>
            <tr><th>评估结论 Conclusion</th><td class="grade">\(decision.grade) 级 \(htmlEscaped(decision.gradeLabel)) · grade \(decision.grade) \(htmlEscaped(english))</td></tr>
            <tr><th>待遇 Benefits</th><td>\(benefits)</td></tr>
            <tr><th>决定日期 Decided on</th><td>\(decision.decidedOn)</td></tr>
            \(validity)
            </table>
            <h2>评估依据 Explanation</h2>
            <ul>\(lines("zh").map { "<li>\(htmlEscaped($0))</li>" }.joined())</ul>
            <ul>\(lines("en").map { "<li>\(htmlEscaped($0))</li>" }.joined())</ul>
            <h2>异议 Objection</h2>
            \(objection)
            <p class="signature">长期护理保险经办机构 · The long-term care insurance agency<br>\(decision.decidedOn)</p>
            </body></html>

            """
    }
}

