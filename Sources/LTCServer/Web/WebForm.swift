#if canImport(Glibc)
import Glibc
#endif

/// What a web form sent: its fields, and the files of a `multipart/form-data`
/// upload (their bytes, never a path). Both encodings a browser sends without
/// script are read: `application/x-www-form-urlencoded` and
/// `multipart/form-data` (RFC 7578).
public struct WebForm: Sendable {
    public struct File: Sendable {
        public let name: String
        public let bytes: [UInt8]
    }

    public var fields: [String: String] = [:]
    /// Field name → the file sent in it.
    public var files: [String: File] = [:]

    public init(fields: [String: String] = [:], files: [String: File] = [:]) {
        self.fields = fields
        self.files = files
    }

    public subscript(_ name: String) -> String? { fields[name] }

    /// The most fields and files a form may send: the longest form (an
    /// assessment's items and conditions) has far fewer. A body with more is
    /// read as no form at all.
    public static let partLimit = 1_000

    /// The form of a request's body, by its `Content-Type`; empty for anything
    /// else, for a body over `limit` bytes (in memory or spooled alike), and
    /// for one with more than ``partLimit`` fields.
    public static func read(_ request: ServerRequest, limit: Int) -> WebForm {
        let type = request.headers["Content-Type"].first ?? ""
        let bytes: [UInt8]
        switch request.body {
        case .bytes(let memory): bytes = memory.count <= limit ? memory : []
        case .spooled(let file): bytes = Self.bytes(of: file, limit: limit)
        }
        if type.lowercased().hasPrefix("multipart/form-data"), let boundary = Self.boundary(type) {
            return multipart(bytes, boundary: boundary)
        }
        if type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            guard bytes.lazy.filter({ $0 == UInt8(ascii: "&") }).count < partLimit else { return WebForm() }
            return WebForm(fields: ServerRequest.query(Substring(String(decoding: bytes, as: UTF8.self))))
        }
        return WebForm()
    }

    /// An uploaded body read back from its file, at most `limit` bytes (more: nothing).
    static func bytes(of file: SpooledBody, limit: Int) -> [UInt8] {
        guard file.size <= limit else { return [] }
        var bytes = [UInt8](repeating: 0, count: file.size)
        var done = 0
        while done < file.size {
            let step = bytes.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress! + done, file.size - done, off_t(done)) }
            if step < 0 && errno == EINTR { continue }
            guard step > 0 else { return [] }
            done += step
        }
        return bytes
    }

    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingSpaces.lowercased() == "boundary" else { continue }
            var value = parts[1].trimmingSpaces
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return value.isEmpty || value.count > 200 ? nil : String(value)
        }
        return nil
    }

    /// The parts between `--boundary` lines: each its headers, a blank line, its content.
    static func multipart(_ body: [UInt8], boundary: String) -> WebForm {
        let delimiter = Array(("--" + boundary).utf8)
        var form = WebForm()
        var starts: [Int] = []
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            starts.append(found)
            guard starts.count <= partLimit + 1 else { return WebForm() }
            index = found + delimiter.count
        }
        for (number, start) in starts.enumerated() where number + 1 < starts.count {
            var from = start + delimiter.count
            guard from + 1 < body.count, body[from] == 0x0D, body[from + 1] == 0x0A else { continue }
            from += 2
            var to = starts[number + 1]
            if to >= 2, body[to - 2] == 0x0D, body[to - 1] == 0x0A { to -= 2 }
            guard from <= to, let blank = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: from, to: to) else { continue }
            let head = String(decoding: body[from..<blank], as: UTF8.self)
            let content = Array(body[(blank + 4)..<to])
            guard let disposition = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = parameter("name", in: disposition) else { continue }
            if let filename = parameter("filename", in: disposition) {
                if !filename.isEmpty || !content.isEmpty { form.files[name] = File(name: filename, bytes: content) }
            } else {
                form.fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
        return form
    }

    /// A quoted parameter of a `Content-Disposition` line (`name="logs"`).
    static func parameter(_ wanted: String, in line: Substring) -> String? {
        for part in line.split(separator: ";").dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingSpaces.lowercased() == wanted else { continue }
            var value = pieces[1].trimmingSpaces
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            // The base name alone: a browser may send a path.
            return String(value.split(separator: "/").last.map { $0.split(separator: "\\").last ?? $0 } ?? "")
        }
        return nil
    }

    /// Where `needle` first occurs in `haystack` within `from..<to`, by
    /// Knuth–Morris–Pratt: time linear in the bytes searched, whatever they
    /// are. A byte-by-byte comparison at each offset took time in their
    /// product: a body of dashes against a boundary of 190 dashes kept a
    /// worker 36 s per MiB, from the sign-in form without signing in. A
    /// part's blank line is looked for within the part alone (`to`), so that
    /// parts without one do not each search the rest of the body.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int, to end: Int? = nil) -> Int? {
        let end = min(end ?? haystack.count, haystack.count)
        guard !needle.isEmpty, from >= 0, end >= needle.count, from <= end - needle.count else { return nil }
        // fallback[i]: the length of the longest proper prefix of needle[0...i] that is also its suffix.
        var fallback = [Int](repeating: 0, count: needle.count)
        var length = 0
        for index in needle.indices.dropFirst() {
            while length > 0 && needle[index] != needle[length] { length = fallback[length - 1] }
            if needle[index] == needle[length] { length += 1 }
            fallback[index] = length
        }
        var matched = 0
        for index in from..<end {
            while matched > 0 && haystack[index] != needle[matched] { matched = fallback[matched - 1] }
            if haystack[index] == needle[matched] { matched += 1 }
            if matched == needle.count { return index - needle.count + 1 }
        }
        return nil
    }
}
