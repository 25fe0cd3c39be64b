import LTCCore

/// Where visit evidence files are kept, by content: `LTCStorage`'s
/// `FolderVault` keeps them in a folder beside the database.
///
/// ```swift
/// let (digest, bytes) = try vault.keep(contentsOf: "/tmp/bedside.jpg")
/// vault.check(digest: digest, bytes: bytes)   // .intact
/// ```
public protocol EvidenceVault: Sendable {
    /// Copies the file at `path` into the vault under its SHA-256 digest and
    /// returns the digest and size; durable when it returns. A file already
    /// there is not copied again.
    func keep(contentsOf path: String) throws -> (digest: String, bytes: Int)
    /// Reads the file kept under `digest` and says whether it is still what was kept.
    func check(digest: String, bytes: Int) -> Evidence.State
}
