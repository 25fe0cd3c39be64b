import LTCCases
import LTCCore
@testable import LTCServer
import Testing

@Suite("Client certificates: the subject as openssl prints it, and the credential each subject acts as")
struct ClientCertificateTests {
    /// Made by `openssl req -subj "/C=CN/O=示例护理, 有限公司/CN=I001 care system" -utf8` and signed by a test CA (version 1, no extensions).
    static let chinese = "MIIBXTCCAQQCFAsTQmzDbiM4h74uc985FWOCZoZUMAoGCCqGSM49BAMCMBYxFDASBgNVBAMMC2x0YyB0ZXN0IENBMB4XDTI2MTIwNzA1Mzc1MFoXDTI3MDEwNjA1Mzc1MFowTTELMAkGA1UEBhMCQ04xIzAhBgNVBAoMGuekuuS+i+aKpOeQhiwg5pyJ6ZmQ5YWs5Y+4MRkwFwYDVQQDDBBJMDAxIGNhcmUgc3lzdGVtMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtaNdBph47B5hpd8fwY3XRvF0UK0w5mCz0uJYG/Z8kNh/QeaFAh4tucLgsyBvm4ASTfUKY1nqKsZpywG4aYYIPzAKBggqhkjOPQQDAgNHADBEAiA9Ho0g4vLLrkI+J65xqx8p22sHCW73+aHKGSec5gH6vgIgGweSRCPTnqpKBI2Seiw6QAUQvwJ7uUHM8Jmcu77lrfg="
    /// Version 3; DC, a two-valued RDN, serialNumber, emailAddress, an unknown OID and a value with spaces at both ends:
    /// `-subj "/DC=org/DC=example/O=Example Care/OU=Intake+CN=I002 #1;x/serialNumber=91310000/emailAddress=it@example.org/CN= spaced " -multivalue-rdn`.
    static let mixed = "MIICEzCCAbmgAwIBAgIUCxNCbMNuIziHvi5z3zkVY4JmhlUwCgYIKoZIzj0EAwIwFjEUMBIGA1UEAwwLbHRjIHRlc3QgQ0EwHhcNMjYxMjA3MDUzODA0WhcNMjcwMTA2MDUzODA0WjCBrTETMBEGCgmSJomT8ixkARkWA29yZzEXMBUGCgmSJomT8ixkARkWB2V4YW1wbGUxFTATBgNVBAoMDEV4YW1wbGUgQ2FyZTEhMA0GA1UECwwGSW50YWtlMBAGA1UEAwwJSTAwMiAjMTt4MREwDwYDVQQFEwg5MTMxMDAwMDEdMBsGCSqGSIb3DQEJARYOaXRAZXhhbXBsZS5vcmcxETAPBgNVBAMMCCBzcGFjZWQgMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE76TyPuRgJM8hIFkG1Cxj8xI/QM+GeMAinn2NmCvFS6uwDNcu0K6VkcZ1RQTELVp9jxnp7zEEBr5OM02E+gGK1aNNMEswCQYDVR0TBAIwADAdBgNVHQ4EFgQUA85rsmNZ1CcuB/KKlE+NzkiyTlcwHwYDVR0jBBgwFoAUQ+Rt8G5KWgUkz5VgnAuaTaP+lvAwCgYIKoZIzj0EAwIDSAAwRQIgcs7jD1ZmEr3/rxbtD0OPJStmQ+ouK3Ea2zh1feOJehwCIQCq3THORD2r1oT0jSt7zA68OVSZmt46wLXq516UD7kHiQ=="

    @Test("The subject is what openssl x509 -noout -subject -nameopt RFC2253,-esc_msb prints, without subject=")
    func subjects() throws {
        #expect(CertificateSubject.rfc4514(der: try #require(Base64.decode(Self.chinese))) == #"CN=I001 care system,O=示例护理\, 有限公司,C=CN"#)
        let mixed = CertificateSubject.rfc4514(der: try #require(Base64.decode(Self.mixed)))
        #expect(mixed == #"CN=\ spaced\ ,emailAddress=it@example.org,serialNumber=91310000,CN=I002 #1\;x+OU=Intake,O=Example Care,DC=example,DC=org"#, "\(mixed ?? "nil")")
    }

    @Test("Anything but a certificate's head is nil, never a crash: truncated, a length past the end, another tag")
    func malformed() throws {
        let der = try #require(Base64.decode(Self.mixed))
        for length in [0, 1, 2, 10, 40, 100, der.count / 2] {
            #expect(CertificateSubject.rfc4514(der: Array(der.prefix(length))) == nil, "\(length) bytes")
        }
        var long = der
        long[1] = 0x84
        #expect(CertificateSubject.rfc4514(der: long) == nil)
        #expect(CertificateSubject.rfc4514(der: [0x31, 0x00]) == nil)
        #expect(CertificateSubject.dottedOID([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01]) == "1.2.840.113549.1.9.1")
        #expect(CertificateSubject.escaped("#a, b ") == ##"\#a\, b\ "##)
    }

    @Test("The mapping file: a credential id and a subject a line, comments and blanks skipped; a bad line named by file and line")
    func mapping() throws {
        let text = "# credential  subject\n\nC12 CN=I001 care system,O=示例护理\\, 有限公司,C=CN\r\nC3 subject=CN=x,street=1 Road\n"
        let map = try ClientCertificates(text: text, source: "clients")
        #expect(map.credential(for: #"CN=I001 care system,O=示例护理\, 有限公司,C=CN"#) == CredentialID(number: 12))
        #expect(map.credential(for: "CN=x,street=1 Road") == CredentialID(number: 3))
        #expect(map.credential(for: "CN=x") == nil)
        let cases: [(String, String)] = [
            ("I001 CN=x\n", "clients:1: 'I001' is not a credential id: a line is C12 and the subject, e.g. C12 CN=I001,O=Example Care"),
            ("# a\nC1\n", "clients:2: no subject after C1: write it as openssl x509 -noout -subject -nameopt RFC2253,-esc_msb prints it"),
            ("C1 CN=x\nC2 CN=x\n", "clients:2: the subject CN=x is mapped to C1 already: one subject, one credential"),
        ]
        for (text, message) in cases {
            let error = #expect(throws: InputError.self) { try ClientCertificates(text: text, source: "clients") }
            #expect(error?.description == message)
        }
    }
}
