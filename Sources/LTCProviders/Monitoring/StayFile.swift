import LTCCore

/// A file of in-patient stays as a hospital or the medical insurance sends
/// it: CSV with the header `person,hospital,admitted,discharged`, one stay a
/// line, dates as 2026-04-06. Each field is bounded (the hospital 100
/// characters, the file 10,000 stays); every problem is reported with its
/// line, the first 20 at once, and nothing is stored from a file with any.
public enum StayFile {
    public static let header = "person,hospital,admitted,discharged"
    public static let maximumStays = 10_000
    public static let maximumHospital = 100

    public struct Row: Sendable, Equatable {
        public var line: Int
        public var stay: InpatientStay
    }

    public static func read(_ bytes: [UInt8]) throws -> [Row] {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw InputError(source: "stays", message: "the file is not UTF-8 text") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, first.trimmingPrefix("\u{FEFF}") == header else {
            throw InputError(source: "line 1", message: "expected the header \(header)")
        }
        guard lines.count - 1 <= maximumStays else {
            throw InputError(source: "stays", message: "\(lines.count - 1) stays; send at most \(maximumStays) a file")
        }
        var rows: [Row] = []
        var problems: [String] = []
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            func problem(_ message: String) { problems.append("line \(number): \(message)") }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            guard fields.count == 4 else {
                problem("expected 4 fields (\(header)), found \(fields.count)")
                continue
            }
            guard let person = Int(fields[0]), person > 0, fields[0].count <= 18 else {
                problem("person '\(fields[0].prefix(20))' is not a person id")
                continue
            }
            let hospital = fields[1]
            guard !hospital.isEmpty, hospital.count <= maximumHospital, PlainText.problem(in: hospital, as: .name) == nil else {
                problem("hospital must be 1–\(maximumHospital) characters of plain text")
                continue
            }
            guard fields[2].count == 10, let admitted = CalendarDate(fields[2]) else {
                problem("admitted '\(fields[2].prefix(20))' is not a date (YYYY-MM-DD)")
                continue
            }
            guard fields[3].count == 10, let discharged = CalendarDate(fields[3]) else {
                problem("discharged '\(fields[3].prefix(20))' is not a date (YYYY-MM-DD)")
                continue
            }
            guard discharged >= admitted, discharged.dayNumber - admitted.dayNumber <= 3660 else {
                problem("discharged \(discharged) is before admitted \(admitted) or ten years after it")
                continue
            }
            rows.append(Row(line: number, stay: InpatientStay(person: person, hospital: hospital, admitted: admitted, discharged: discharged,
                                                             recordedOn: admitted)))
        }
        if !problems.isEmpty {
            let shown = problems.prefix(20).joined(separator: "; ")
            throw InputError(source: "stays", message: shown + (problems.count > 20 ? "; and \(problems.count - 20) more" : ""))
        }
        return rows
    }
}
