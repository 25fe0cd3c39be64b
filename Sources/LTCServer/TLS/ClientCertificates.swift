import LTCCases
import LTCCore

/// Which stored credential a verified client certificate acts as, by the
/// certificate's subject: the file `ltc-server --client-certificates FILE`
/// reads at start, one mapping a line, the credential's id, a space, and
/// the subject as `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb`
/// prints it without `subject=` (``CertificateSubject``):
///
/// ```
/// # credential  subject
/// C12 CN=I001 care system,O=Example Care,C=CN
/// ```
///
/// A subject is mapped to a credential, not straight to an actor, so that a
/// certificate's requests are refused once the credential is revoked, past
/// its last day or its actor deactivated, and each audit event names the
/// credential, as for a token. Renewing a certificate under the same
/// subject needs no change here; only a certificate the server's client
/// authority (`--client-ca`) signed is ever read.
public struct ClientCertificates: Sendable, Equatable {
    public let credentials: [String: CredentialID]

    public init(_ credentials: [String: CredentialID] = [:]) {
        self.credentials = credentials
    }

    /// Reads the mapping from `text`, `source` naming it in errors: each
    /// line a credential id and a subject; `#` comments and blank lines
    /// skipped; a subject mapped twice refused.
    public init(text: String, source: String) throws {
        var credentials: [String: CredentialID] = [:]
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let trimmed = line.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { continue }
            let at = "\(source):\(number + 1)"
            let parts = trimmed.split(separator: " ", maxSplits: 1)
            guard let id = CredentialID(parts[0]) else {
                throw InputError(source: at, message: "'\(parts[0].prefix(40))' is not a credential id: a line is C12 and the subject, e.g. C12 CN=I001,O=Example Care")
            }
            var subject = parts.count > 1 ? String(parts[1]) : ""
            while subject.last == " " && !subject.hasSuffix("\\ ") { subject.removeLast() }
            if subject.hasPrefix("subject=") { subject.removeFirst("subject=".count) }
            guard !subject.isEmpty, subject.contains("=") else {
                throw InputError(source: at, message: "no subject after \(id): write it as openssl x509 -noout -subject -nameopt RFC2253,-esc_msb prints it")
            }
            if let earlier = credentials[subject] {
                throw InputError(source: at, message: "the subject \(subject) is mapped to \(earlier) already: one subject, one credential")
            }
            credentials[subject] = id
        }
        self.credentials = credentials
    }

    /// The credential `subject` acts as, if it is mapped.
    public func credential(for subject: String) -> CredentialID? { credentials[subject] }
}
