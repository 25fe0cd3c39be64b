#if canImport(Glibc)
import Glibc
#endif
import LTCCore
import LTCOperations

/// An upload written to a temporary file as it arrives, so that a 64 MiB
/// log file takes a few blocks of memory, not 64 MiB. The file is unlinked
/// as soon as it is made: only its descriptor reaches it, and it is gone
/// when that is closed, however the process ends.
///
/// ```swift
/// let spool = try SpooledBody.create(in: "/tmp")
/// try spool.append(buffer)              // each part of the body, as it comes
/// let attachment = spool.attachment(name: "upload")   // read from its start by the operation
/// spool.close()
/// ```
public struct SpooledBody: Sendable {
    public let descriptor: Int32
    public private(set) var size = 0

    /// A new, empty, already unlinked file in `folder`.
    public static func create(in folder: String) throws -> SpooledBody {
        var template = Array((folder + "/ltc-upload-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw InputError(source: folder, message: "cannot make a temporary file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return SpooledBody(descriptor: descriptor)
    }

    /// Writes `bytes` at the end.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            let step = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if step < 0 && errno == EINTR { continue }
            guard step > 0 else { throw InputError(source: "upload", message: "cannot write the temporary file: \(String(cString: strerror(errno)))") }
            written += step
        }
        size += bytes.count
    }

    /// The whole body as an attachment, read from its start.
    public func attachment(name: String) -> Attachment {
        lseek(descriptor, 0, SEEK_SET)
        return Attachment(.descriptor(descriptor), name: name, size: size)
    }

    /// Lets the file go: it is removed with its last descriptor.
    public func close() {
        _ = Glibc.close(descriptor)
    }
}
