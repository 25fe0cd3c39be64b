import LTCCore
import NIOSSL

/// Native TLS (`--tls-cert PEM --tls-key PEM`), and with it, optionally,
/// client certificates (`--client-ca PEM --client-certificates FILE`): a
/// client may present a certificate the client authority signed, and a
/// request on that connection without an `Authorization` header acts as the
/// credential its subject maps to (``ClientCertificates``). A client that
/// presents none uses a bearer token as without TLS; one that presents a
/// certificate the authority did not sign fails the handshake.
///
/// ```swift
/// configuration.tls = TLSSettings(certificate: "server.pem", key: "server.key")
/// ```
///
/// TLS 1.2 at least; BoringSSL's default ciphers. Files are read once, at
/// start: a renewed server certificate needs a restart (docs/deploy.md).
public struct TLSSettings: Sendable {
    /// The server's certificate chain, PEM, its own certificate first.
    public var certificate: String
    /// Its private key, PEM.
    public var key: String
    /// The authority client certificates must be signed by, PEM; `nil`: none asked for.
    public var clientAuthority: String?
    public var clientCertificates = ClientCertificates()

    public init(certificate: String, key: String, clientAuthority: String? = nil, clientCertificates: ClientCertificates = ClientCertificates()) {
        self.certificate = certificate
        self.key = key
        self.clientAuthority = clientAuthority
        self.clientCertificates = clientCertificates
    }

    /// The TLS context every connection shares, or an error naming the file that would not load.
    func context() throws -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate)
        } catch {
            throw InputError(source: certificate, message: "not a PEM certificate chain ltc-server can read: \(error)")
        }
        guard !chain.isEmpty else { throw InputError(source: certificate, message: "holds no certificate") }
        do {
            key = try NIOSSLPrivateKey(file: self.key, format: .pem)
        } catch {
            throw InputError(source: self.key, message: "not a PEM private key ltc-server can read: \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        if let clientAuthority {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMFile(clientAuthority)
            } catch {
                throw InputError(source: clientAuthority, message: "not a PEM certificate ltc-server can read: \(error)")
            }
            configuration.trustRoots = .certificates(roots)
            configuration.certificateVerification = .optionalVerification
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw InputError(source: certificate, message: "the certificate and key do not make a TLS context: \(error)")
        }
    }
}
