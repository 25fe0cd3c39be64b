#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LTCCases
import LTCCore

/// Visit evidence kept in a folder, one file per content, named by its
/// SHA-256 digest (`3a7bd3e2…`): the same file attached twice is kept once,
/// and a file changed or removed behind ltc's back is found when read
/// (``check(digest:bytes:)``). A copy is written to a temporary name,
/// flushed to disk, then renamed, and the folder flushed, so what was
/// reported kept survives a power cut.
///
/// ```swift
/// let vault = FolderVault(folder: "ltc.sqlite.evidence")
/// let (digest, bytes) = try vault.keep(.bytes(photo), source: "bedside.jpg")
/// ```
public struct FolderVault: EvidenceVault {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// The folder beside an SQLite database: `PATH.evidence`.
    public static func beside(database path: String) -> FolderVault {
        FolderVault(folder: path + ".evidence")
    }

    public func keep(_ content: EvidenceContent, source: String) throws -> (digest: String, bytes: Int) {
        if mkdir(folder, 0o750) != 0 && errno != EEXIST {
            throw InputError(source: folder, message: "cannot make the evidence folder: \(String(cString: strerror(errno)))")
        }
        let temporary = folder + "/.incoming-\(getpid())-\(UInt64.random(in: .min ... .max))"
        let target = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard target >= 0 else { throw InputError(source: folder, message: "cannot write in the evidence folder: \(String(cString: strerror(errno)))") }
        var hasher = SHA256.Hasher()
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        /// The next block of the content into `buffer`: its length, 0 at the end.
        func next() throws -> Int {
            switch content {
            case .bytes(let bytes):
                let count = min(buffer.count, bytes.count - offset)
                guard count > 0 else { return 0 }
                buffer.withUnsafeMutableBytes { raw in bytes.withUnsafeBytes { raw.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) } }
                offset += count
                return count
            case .descriptor(let descriptor):
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count >= 0 else { throw InputError(source: source, message: "cannot read the evidence: \(String(cString: strerror(errno)))") }
                return count
            }
        }
        do {
            defer { close(target) }
            while true {
                let count = try next()
                if count == 0 { break }
                total += count
                guard total <= Evidence.largestFile else {
                    throw InputError(source: source, message: "the evidence is larger than \(Evidence.largestFile / 1_048_576) MiB, the largest ltc keeps")
                }
                hasher.update(buffer[0..<count])
                var written = 0
                while written < count {
                    let step = buffer.withUnsafeBytes { write(target, $0.baseAddress! + written, count - written) }
                    guard step > 0 else { throw InputError(source: folder, message: "cannot write the evidence file: \(String(cString: strerror(errno)))") }
                    written += step
                }
            }
            guard total > 0 else { throw InputError(source: source, message: "the evidence is empty") }
            guard fsync(target) == 0 else { throw InputError(source: folder, message: "cannot flush the evidence file: \(String(cString: strerror(errno)))") }
        } catch {
            unlink(temporary)
            throw error
        }
        let digest = SHA256.hex(digest: hasher.finish())
        if check(digest: digest, bytes: total) == .intact {
            unlink(temporary)
        } else {
            guard rename(temporary, file(digest)) == 0 else {
                unlink(temporary)
                throw InputError(source: folder, message: "cannot keep the evidence file: \(String(cString: strerror(errno)))")
            }
            let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if directory >= 0 {
                defer { close(directory) }
                guard fsync(directory) == 0 else { throw InputError(source: folder, message: "cannot flush the evidence folder: \(String(cString: strerror(errno)))") }
            }
        }
        return (digest, total)
    }

    public func check(digest: String, bytes: Int) -> Evidence.State {
        guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else { return .missing }
        let source = open(file(digest), O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { return .missing }
        defer { close(source) }
        var hasher = SHA256.Hasher()
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count >= 0 else { return .missing }
            if count == 0 { break }
            total += count
            guard total <= bytes else { return .altered }
            hasher.update(buffer[0..<count])
        }
        return total == bytes && SHA256.hex(digest: hasher.finish()) == digest ? .intact : .altered
    }

    private func file(_ digest: String) -> String { folder + "/" + digest }
}
