#if canImport(Glibc)
import Glibc
#endif
import LTCCore

/// Bytes a request brings besides its JSON params: a file the command line
/// names, the body of an HTTP upload. Only a local entry or an upload makes
/// one, so no remote caller ever names a path the server reads.
///
/// ```swift
/// let file = Attachment(.descriptor(descriptor), name: "april.csv", size: 27_000_000) { lines, bytes in progress.update(count: lines, bytes: bytes) }
/// try entry.invoke(params, attachments: ["logs": file], caller: .trusting, in: environment)
/// ```
public struct Attachment: Sendable {
    public enum Source: Sendable {
        case bytes([UInt8])
        /// An open file read a block at a time; its owner closes it after the operation.
        case descriptor(Int32)
    }

    public let source: Source
    /// Where it came from, for messages: a file's path, `-`, `upload`.
    public let name: String
    /// Its size in bytes, where known (0 for a pipe).
    public let size: Int
    /// Told how many lines and bytes have been read so far, for a progress line.
    public let progress: (@Sendable (Int, Int) -> Void)?

    public init(_ source: Source, name: String, size: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.source = source
        self.name = name
        self.size = size
        self.progress = progress
    }
}

/// A param whose value may come as an ``Attachment`` instead of inside the JSON.
public protocol AttachableParam: ParamValue {
    init(attachment: Attachment)
}

extension Attachment {
    /// The whole content: the bytes, or the file read to its end.
    public func bytes() throws -> [UInt8] {
        switch source {
        case .bytes(let bytes):
            return bytes
        case .descriptor(let descriptor):
            var bytes: [UInt8] = []
            var block = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count == 0 { return bytes }
                guard count > 0 else { throw InputError(source: name, message: "cannot be read") }
                bytes += block[0..<count]
            }
        }
    }
}
