import LTCCore

/// Where visit evidence files are kept, by content: `LTCStorage`'s
/// `FolderVault` keeps them in a folder beside the database.
///
/// ```swift
/// let (digest, bytes) = try vault.keep(.bytes(photo), source: "upload")
/// vault.check(digest: digest, bytes: bytes)   // .intact
/// ```
public protocol EvidenceVault: Sendable {
    /// Keeps `content` in the vault under its SHA-256 digest and returns the
    /// digest and size; durable when it returns. Content already there is
    /// not written again. `source` names where it came from, for messages.
    func keep(_ content: EvidenceContent, source: String) throws -> (digest: String, bytes: Int)
    /// Reads the file kept under `digest` and says whether it is still what was kept.
    func check(digest: String, bytes: Int) -> Evidence.State
}

/// The bytes of a piece of evidence as they arrive: sent inside a request
/// (base64 over JSON-RPC, an upload over HTTP), or an open file read a block
/// at a time (the command line's `--file`, an upload spooled to disk). Never
/// a path: no caller names a file for ltc to read.
public enum EvidenceContent: Sendable {
    case bytes([UInt8])
    /// An open file read to its end; its owner closes it afterwards.
    case descriptor(Int32)
}
