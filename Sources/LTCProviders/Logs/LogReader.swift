import Foundation
import LTCCore

/// One line of a submission: a log, or why the line is not one.
public enum SubmittedLine: Sendable, Equatable {
    case log(ServiceLog, line: Int)
    case unreadable(line: Int, message: String)
}

/// Reads service logs as institutions send them: CSV with a header line, or
/// JSON Lines (one object per line).
///
/// CSV columns: `log_id,institution,caregiver,person,item,start,end,mode`,
/// optionally `latitude,longitude` for the check-in; times as
/// `2026-03-05T09:30` in the scheme's time zone. JSON Lines objects have
/// `logId`, `institution`, `caregiver`, `person`, `item`, `start`, `end`,
/// `mode` and optionally `location` (`"31.2304,121.4737"`).
///
/// ```swift
/// let lines = LogReader.read(bytes)   // CSV or JSON Lines, told apart by the first character
/// ```
public enum LogReader {
    public static let csvColumns = ["log_id", "institution", "caregiver", "person", "item", "start", "end", "mode"]

    /// Reads a whole submission; the format is JSON Lines when the first
    /// non-blank character is `{`, CSV otherwise.
    public static func read(_ bytes: [UInt8]) -> [SubmittedLine] {
        var stream = Stream(bytes)
        var all: [SubmittedLine] = []
        while let chunk = stream.next(upTo: Int.max) { all += chunk }
        return all
    }

    /// Reads a submission a chunk of lines at a time, so that a large file is
    /// never held as logs all at once.
    public struct Stream {
        /// The bytes read and not yet consumed (from `position`).
        var bytes: [UInt8]
        var position = 0
        /// Bytes of the input dropped from `bytes` as read.
        var dropped = 0
        /// Bytes of the input read into lines so far (the lines returned end here).
        public var consumed: Int { dropped + position }
        /// Where more bytes come from, for a file read a block at a time; nil when all are in `bytes`.
        let descriptor: Int32?
        var exhausted: Bool
        var readError: Int32?
        var json = false
        var number = 0
        /// CSV: the column position of each name; nil before the header is read.
        var columns: Columns?
        var width = 0
        /// CSV: the header's names by position, for the message of an overlong line.
        var names: [String] = []

        static let block = 4 << 20

        /// Why the whole input cannot be read as service logs (a CSV header
        /// that is missing or names unknown columns), once the header is read.
        public private(set) var unusable: String?

        public init(_ bytes: [UInt8]) {
            self.bytes = bytes
            descriptor = nil
            exhausted = true
            skipByteOrderMark()
            json = Self.startsWithBrace(bytes[position...])
        }

        /// Reads an open file a block at a time, so that it is never held whole.
        public init(descriptor: Int32) {
            bytes = []
            self.descriptor = descriptor
            exhausted = false
            while !exhausted, bytes.count < 3 || !bytes.contains(where: { !Self.isBlank($0) }) { _ = fill() }
            skipByteOrderMark()
            json = Self.startsWithBrace(bytes[position...])
        }

        /// Spreadsheets start CSV with a UTF-8 byte-order mark: it is not part of the first column's name.
        mutating func skipByteOrderMark() {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        }

        static func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
        }

        static func startsWithBrace(_ bytes: ArraySlice<UInt8>) -> Bool {
            bytes.first { !isBlank($0) } == UInt8(ascii: "{")
        }

        /// Drops what is consumed and reads the next block; false at the end of the file.
        mutating func fill() -> Bool {
            guard let descriptor, !exhausted else { return false }
            if position > 0 {
                bytes.removeFirst(position)
                dropped += position
                position = 0
            }
            // Read into a block of its own, then copy what was read (no zero-filling of a block that may come back short).
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.block, alignment: 1)
            defer { block.deallocate() }
            let got = Glibc.read(descriptor, block.baseAddress!, Self.block)
            if got > 0 { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[0..<got])) }
            if got <= 0 {
                exhausted = true
                if got < 0 { readError = errno }
            }
            return got > 0
        }

        /// A line as read: its bytes, or that it is longer than ``LogLimits/lineBytes``.
        enum RawLine {
            case text(number: Int, ArraySlice<UInt8>)
            /// Skipped to its end without being held; `commas`: how many
            /// commas its first ``LogLimits/lineBytes`` held (in CSV, which field runs past the limit).
            case overlong(number: Int, commas: Int)
        }

        /// The next non-blank line and its number, or nil at the end. No
        /// more than ``LogLimits/lineBytes`` of a line (and its line ending)
        /// is looked at before it is found too long.
        mutating func nextLine() -> RawLine? {
            let newline = UInt8(ascii: "\n"), longest = LogLimits.lineBytes + 1   // the line and a carriage return
            while true {
                var end = position
                while end < bytes.count, end - position <= longest, bytes[end] != newline { end += 1 }
                if end - position > longest {
                    number += 1
                    let commas = bytes[position..<position + LogLimits.lineBytes].reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
                    skipLine(from: end)
                    return .overlong(number: number, commas: commas)
                }
                if end == bytes.count, !exhausted {
                    _ = fill()
                    continue
                }
                guard position < bytes.count else { return nil }
                let start = position
                position = end + 1
                number += 1
                var last = end
                if last > start, bytes[last - 1] == UInt8(ascii: "\r") { last -= 1 }
                let line = bytes[start..<last]
                if line.count > LogLimits.lineBytes {
                    let commas = line.prefix(LogLimits.lineBytes).reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
                    return .overlong(number: number, commas: commas)
                }
                if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return .text(number: number, line) }
            }
        }

        /// Drops the rest of an overlong line, from `index` to its newline
        /// (or the end of the input), a block at a time.
        private mutating func skipLine(from index: Int) {
            var index = index
            while true {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                if index < bytes.count {
                    position = index + 1
                    return
                }
                position = bytes.count
                guard fill() else { return }
                index = position
            }
        }

        /// Up to `limit` lines, or nil when none are left.
        public mutating func next(upTo limit: Int) -> [SubmittedLine]? {
            var chunk: [SubmittedLine] = []
            if !json && columns == nil {
                guard let first = nextLine() else { return nil }
                let read: Result<[String: Int], HeaderProblem> = switch first {
                case .text(let number, let header): LogReader.header(header, number: number)
                case .overlong(let number, _):
                    .failure(HeaderProblem(line: .unreadable(line: number, message: "the header is longer than \(LogLimits.lineBytes) bytes, the most a line may hold; "
                                                                 + "it names the columns \(LogReader.csvColumns.joined(separator: ",")) (and optionally latitude,longitude)")))
                }
                switch read {
                case .success(let positions):
                    columns = Columns(positions)
                    width = positions.count
                    names = positions.sorted { $0.value < $1.value }.map(\.key)
                case .failure(let problem):
                    if case .unreadable(_, let message) = problem.line { unusable = message }
                    columns = Columns(Dictionary(uniqueKeysWithValues: LogReader.csvColumns.map { ($0, 0) }))
                    position = bytes.count
                    exhausted = true
                    return [problem.line]
                }
            }
            while chunk.count < limit, let next = nextLine() {
                switch next {
                case .text(let number, let line):
                    chunk.append(json ? LogReader.jsonLine(line, number: number) : LogReader.csvLine(line, number: number, columns: columns!, width: width))
                case .overlong(let number, let commas):
                    chunk.append(.unreadable(line: number, message: overlong(commas: commas)))
                }
            }
            if let readError {
                self.readError = nil
                chunk.append(.unreadable(line: number + 1, message: "reading stopped: \(String(cString: strerror(readError)))"))
            }
            return chunk.isEmpty ? nil : chunk
        }

        /// What is wrong with a line longer than the limit: in CSV, which field
        /// runs past it (the one after the commas its first bytes hold).
        private func overlong(commas: Int) -> String {
            let message = "the line is longer than \(LogLimits.lineBytes) bytes, the most a log line may hold"
            guard !json, commas < names.count, let limit = LogLimits.of(names[commas]) else { return message }
            let name = LogReader.fieldName(names[commas])
            return message + "; its \(name) runs past that (a \(name) holds at most \(limit) characters)"
        }
    }

    /// A field's name in messages: `log_id` is "log id".
    static func fieldName(_ column: String) -> String {
        column == "log_id" || column == "logId" ? "log id" : column
    }

    /// The CSV header's column positions, or the line saying what is wrong with it.
    static func header(_ line: ArraySlice<UInt8>, number: Int) -> Result<[String: Int], HeaderProblem> {
        let names = fields(line).map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        let missing = csvColumns.filter { !names.contains($0) }
        let known = csvColumns + ["latitude", "longitude"]
        let unknown = names.filter { !known.contains($0) }
        var counts: [String: Int] = [:]
        for name in names { counts[name, default: 0] += 1 }
        let repeated = counts.filter { $0.value > 1 }.keys.sorted()
        // A check-in is both coordinates: one column alone would be read as no check-in at all.
        let coordinates = ["latitude", "longitude"].filter(names.contains)
        let unpaired = coordinates.count == 1 ? coordinates[0] : nil
        if !missing.isEmpty || !unknown.isEmpty || !repeated.isEmpty || unpaired != nil {
            var message = "the header must name the columns \(csvColumns.joined(separator: ",")) (and optionally latitude,longitude), each once"
            if !missing.isEmpty { message += "; missing: \(missing.joined(separator: ", "))" }
            if !unknown.isEmpty { message += "; unknown: \(unknown.prefix(5).joined(separator: ", "))\(unknown.count > 5 ? ", …" : "")" }
            if !repeated.isEmpty { message += "; named twice: \(repeated.joined(separator: ", "))" }
            if let unpaired {
                message += "; the header names \(unpaired) but not \(unpaired == "latitude" ? "longitude" : "latitude"): a check-in needs both columns, or neither"
            }
            if names.count == 1, names[0].contains(";") || names[0].contains("\t") { message += "; fields are separated by commas, not semicolons or tabs" }
            return .failure(HeaderProblem(line: .unreadable(line: number, message: message)))
        }
        return .success(Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) }))
    }

    struct HeaderProblem: Error {
        var line: SubmittedLine
    }

    /// Where each column is in a CSV line: the required ones in `csvColumns` order.
    struct Columns {
        var required: [Int]
        var latitude: Int?
        var longitude: Int?

        init(_ positions: [String: Int]) {
            required = LogReader.csvColumns.map { positions[$0]! }
            latitude = positions["latitude"]
            longitude = positions["longitude"]
        }
    }

    static func csvLine(_ line: ArraySlice<UInt8>, number: Int, columns: Columns, width: Int) -> SubmittedLine {
        // Most lines have no quotes: their fields are ranges of the line, read in place.
        guard !line.contains(UInt8(ascii: "\"")) else { return csvLine(fields(line), number: number, columns: columns, width: width) }
        var bounds: [Int] = []
        bounds.reserveCapacity(width + 1)
        bounds.append(line.startIndex)
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == UInt8(ascii: ",") { bounds.append(index + 1) }
            index += 1
        }
        bounds.append(line.endIndex + 1)
        guard bounds.count - 1 == width else {
            return .unreadable(line: number, message: "\(bounds.count - 1) fields; the header has \(width)")
        }
        return csvLine(number: number, columns: columns) { line[bounds[$0]..<bounds[$0 + 1] - 1] }
    }

    static func csvLine(_ values: [ArraySlice<UInt8>], number: Int, columns: Columns, width: Int) -> SubmittedLine {
        guard values.count == width else {
            return .unreadable(line: number, message: "\(values.count) fields; the header has \(width)")
        }
        return csvLine(number: number, columns: columns) { values[$0] }
    }

    /// A line from its fields, by position.
    private static func csvLine(number: Int, columns: Columns, field: (Int) -> ArraySlice<UInt8>) -> SubmittedLine {
        func text(_ position: Int) -> String { String(decoding: field(position), as: UTF8.self) }
        var location: GeoPoint?
        if let latitude = columns.latitude, let longitude = columns.longitude, !field(latitude).isEmpty || !field(longitude).isEmpty {
            switch checkIn(latitude: field(latitude), longitude: field(longitude)) {
            case .success(let point): location = point
            case .failure(let problem): return .unreadable(line: number, message: problem.message)
            }
        }
        let at = columns.required
        let person = field(at[3]), start = field(at[5]), end = field(at[6])
        var personID: Int? = person.isEmpty || person.count > LogLimits.person ? nil : 0
        for byte in person where personID != nil {
            if (48...57).contains(byte) { personID = personID! * 10 + Int(byte - 48) } else { personID = nil }
        }
        if let problem = textProblem("log id", field(at[0])) ?? textProblem("institution", field(at[1])) ?? textProblem("caregiver", field(at[2]))
            ?? textProblem("item", field(at[4])) ?? textProblem("mode", field(at[7])) {
            return .unreadable(line: number, message: problem)
        }
        if let personID, let from = LocalMinute(utf8: start), let to = LocalMinute(utf8: end),
           !field(at[0]).isEmpty, !field(at[1]).isEmpty, !field(at[2]).isEmpty, !field(at[4]).isEmpty, !field(at[7]).isEmpty {
            return .log(ServiceLog(logID: text(at[0]), institution: text(at[1]), caregiver: text(at[2]), person: personID, item: text(at[4]),
                                   start: from, end: to, mode: text(at[7]), location: location), line: number)
        }
        // Something is wrong: say everything that is.
        return make(number: number, logID: text(at[0]), institution: text(at[1]), caregiver: text(at[2]), person: text(at[3]),
                    item: text(at[4]), start: text(at[5]), end: text(at[6]), mode: text(at[7]), location: location)
    }

    /// A CSV line's check-in from its `latitude` and `longitude` fields, at
    /// least one given: each decimal degrees in range, with at most 6
    /// decimals; else why not, naming the field.
    static func checkIn(latitude: ArraySlice<UInt8>, longitude: ArraySlice<UInt8>) -> Result<GeoPoint, FieldProblem> {
        guard !latitude.isEmpty, !longitude.isEmpty else {
            let (given, missing) = latitude.isEmpty ? ("longitude", "latitude") : ("latitude", "longitude")
            return .failure(FieldProblem("\(given) without \(missing): a check-in needs both, or neither"))
        }
        func degrees(_ bytes: ArraySlice<UInt8>, _ name: String, within limit: Int) -> Result<Int, FieldProblem> {
            let text = String(decoding: bytes, as: UTF8.self)
            if let long = LogLimits.problem(name, characters: text.unicodeScalars.count, limit: LogLimits.coordinate) {
                return .failure(FieldProblem(long))
            }
            guard let micro = GeoPoint.micro(Substring(text)), abs(micro) <= limit * 1_000_000 else {
                return .failure(FieldProblem("\(name) '\(text)' is not decimal degrees from -\(limit) to \(limit) (at most 6 decimals)"))
            }
            return .success(micro)
        }
        return degrees(latitude, "latitude", within: 90).flatMap { north in
            degrees(longitude, "longitude", within: 180).map { GeoPoint(latitudeMicro: north, longitudeMicro: $0) }
        }
    }

    /// Why one field of a line cannot be read: the whole message, naming the field.
    struct FieldProblem: Error {
        var message: String

        init(_ message: String) {
            self.message = message
        }
    }

    /// Why an id or code cannot be stored as sent, if it cannot: a control
    /// character (NUL, tab, newline, DEL…) or bytes that are not UTF-8. An id
    /// is kept exactly as sent, never truncated or with characters replaced.
    static func textProblem(_ name: String, _ bytes: ArraySlice<UInt8>) -> String? {
        var plain = true
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F {
                return "the \(name) holds a control character (byte 0x\(String(byte, radix: 16, uppercase: true))); ids may not"
            }
            if byte >= 0x80 { plain = false }
        }
        if !plain, String(validating: bytes, as: UTF8.self) == nil {
            return "the \(name) is not valid UTF-8"
        }
        if !plain, String(decoding: bytes, as: UTF8.self).unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "the \(name) holds a control character; ids may not"
        }
        // Characters, not bytes: a UTF-8 character is one byte that does not continue another.
        guard bytes.count > LogLimits.id else { return nil }
        let characters = plain ? bytes.count : bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return LogLimits.problem(name, characters: characters, limit: LogLimits.id)
    }

    /// Splits a CSV line on commas, honouring double quotes (`""` inside quotes is one quote).
    static func fields(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        guard line.contains(quote) else { return line.split(separator: comma, omittingEmptySubsequences: false) }
        var fields: [ArraySlice<UInt8>] = []
        var current: [UInt8] = []
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if quoted {
                if byte == quote {
                    if index + 1 < line.endIndex, line[index + 1] == quote { current.append(quote); index += 1 } else { quoted = false }
                } else {
                    current.append(byte)
                }
            } else if byte == quote {
                quoted = true
            } else if byte == comma {
                fields.append(current[...])
                current = []
            } else {
                current.append(byte)
            }
            index += 1
        }
        fields.append(current[...])
        return fields
    }

    // MARK: JSON Lines

    static func jsonLine(_ line: ArraySlice<UInt8>, number: Int) -> SubmittedLine {
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(line))
        } catch {
            return .unreadable(line: number, message: "not valid JSON: \(error)")
        }
        guard case .object(let object) = json else {
            return .unreadable(line: number, message: "expected a JSON object, found \(json.typeName)")
        }
        let accepted = ["logId", "institution", "caregiver", "person", "item", "start", "end", "mode", "location"]
        if let unknown = object.keys.first(where: { !accepted.contains($0) }) {
            return .unreadable(line: number, message: "unknown field '\(unknown)'; accepted: \(accepted.joined(separator: ", "))")
        }
        var location: GeoPoint?
        if let given = object["location"], given != .null {
            if let text = given.stringValue, let long = LogLimits.problem("location", characters: text.unicodeScalars.count, limit: LogLimits.location) {
                return .unreadable(line: number, message: long)
            }
            guard let point = given.stringValue.flatMap({ GeoPoint(text: Substring($0)) }) else {
                return .unreadable(line: number, message: "location \(given) is not \"latitude,longitude\" in decimal degrees")
            }
            location = point
        }
        func text(_ key: String) -> String? { object[key]?.stringValue }
        let person = object["person"].map { $0.intValue.map(String.init) ?? $0.description } ?? ""
        return make(number: number, logID: text("logId") ?? "", institution: text("institution") ?? "", caregiver: text("caregiver") ?? "",
                    person: person, item: text("item") ?? "", start: text("start") ?? "", end: text("end") ?? "", mode: text("mode") ?? "",
                    location: location)
    }

    static func make(number: Int, logID: String, institution: String, caregiver: String, person: String, item: String,
                     start: String, end: String, mode: String, location: GeoPoint?) -> SubmittedLine {
        var problems: [String] = []
        for (name, value) in [("log id", logID), ("institution", institution), ("caregiver", caregiver), ("item", item), ("mode", mode)] {
            if value.isEmpty { problems.append("no \(name)") }
            if let problem = textProblem(name, Array(value.utf8)[...]) { problems.append(problem) }
        }
        // A value over its limit is named with the limit, not repeated.
        func withinLimit(_ name: String, _ value: String, _ limit: Int) -> Bool {
            guard let long = LogLimits.problem(name, characters: value.unicodeScalars.count, limit: limit) else { return true }
            problems.append(long)
            return false
        }
        var personID: Int?, from: LocalMinute?, to: LocalMinute?
        if withinLimit("person", person, LogLimits.person) {
            personID = Int(person)
            if personID == nil { problems.append("person '\(person)' is not a person id (a whole number)") }
        }
        if withinLimit("start", start, LogLimits.time) {
            from = LocalMinute(Substring(start))
            if from == nil { problems.append("start '\(start)' is not a time such as 2026-03-05T09:30") }
        }
        if withinLimit("end", end, LogLimits.time) {
            to = LocalMinute(Substring(end))
            if to == nil { problems.append("end '\(end)' is not a time such as 2026-03-05T10:30") }
        }
        guard problems.isEmpty, let personID, let from, let to else {
            return .unreadable(line: number, message: problems.joined(separator: "; "))
        }
        return .log(ServiceLog(logID: logID, institution: institution, caregiver: caregiver, person: personID, item: item,
                               start: from, end: to, mode: mode, location: location), line: number)
    }
}
