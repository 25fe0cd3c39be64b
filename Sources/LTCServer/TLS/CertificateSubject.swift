/// The subject of an X.509 certificate (RFC 5280, 4.1.2.6) written as RFC
/// 4514 writes a distinguished name, the way
/// `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` prints it:
/// the attributes last first, relative names joined by `,` and the
/// attributes of one by `+`,
/// the usual attributes by OpenSSL's short names (`CN`, `O`, `OU`, `C`, `L`,
/// `ST`, `DC`, `UID`, `serialNumber`, `emailAddress` …), any other by its
/// dotted OID and the hex of its DER; `,` `+` `"` `\` `<` `>` `;`, a leading `#` or space and a trailing
/// space escaped with `\`; text in UTF-8 as it is.
///
/// ```swift
/// CertificateSubject.rfc4514(der: bytes)   // "CN=I001 care system,O=Example Care,C=CN"
/// ```
///
/// Only the certificate's DER is read, by a small reader of the few DER
/// forms a certificate's head uses; anything else gives `nil` (and the
/// connection no client identity): the TLS library has verified the
/// certificate's signature and chain before this reads it.
public enum CertificateSubject {
    public static func rfc4514(der: [UInt8]) -> String? {
        var reader = DERReader(der[...])
        guard var certificate = reader.read(tag: 0x30), var tbs = certificate.read(tag: 0x30) else { return nil }
        if tbs.peek == 0xA0 { guard tbs.read(tag: 0xA0) != nil else { return nil } }   // version
        guard tbs.read(tag: 0x02) != nil,        // serialNumber
              tbs.read(tag: 0x30) != nil,        // signature
              tbs.read(tag: 0x30) != nil,        // issuer
              tbs.read(tag: 0x30) != nil,        // validity
              var subject = tbs.read(tag: 0x30) else { return nil }
        // Every attribute with the relative name it belongs to, in the certificate's order.
        var entries: [(set: Int, text: String)] = []
        var setNumber = 0
        while !subject.isEmpty {
            guard var set = subject.read(tag: 0x31) else { return nil }
            while !set.isEmpty {
                guard var pair = set.read(tag: 0x30), let oid = pair.read(tag: 0x06), let value = pair.readAny() else { return nil }
                entries.append((setNumber, attribute(oid.bytes, value)))
            }
            setNumber += 1
        }
        // Last first, as OpenSSL writes them (the attributes of one relative name too), `+` within one.
        var text = ""
        for (index, entry) in entries.reversed().enumerated() {
            if index > 0 { text += entries[entries.count - index].set == entry.set ? "+" : "," }
            text += entry.text
        }
        return text
    }

    /// RFC 4514's names, and the other short names OpenSSL prints.
    static let shortNames: [String: String] = [
        "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.9": "street",
        "2.5.4.10": "O", "2.5.4.11": "OU", "0.9.2342.19200300.100.1.25": "DC", "0.9.2342.19200300.100.1.1": "UID",
        "2.5.4.4": "SN", "2.5.4.5": "serialNumber", "2.5.4.12": "title", "2.5.4.15": "businessCategory", "2.5.4.17": "postalCode",
        "2.5.4.42": "GN", "2.5.4.43": "initials", "2.5.4.46": "dnQualifier", "2.5.4.65": "pseudonym", "2.5.4.97": "organizationIdentifier",
        "1.2.840.113549.1.9.1": "emailAddress",
    ]

    /// The string types a name's value may take: UTF8String, PrintableString,
    /// T61String (read as Latin-1 by OpenSSL; ASCII in practice), IA5String,
    /// UniversalString and BMPString.
    static func attribute(_ oid: ArraySlice<UInt8>, _ value: (tag: UInt8, content: DERReader, whole: ArraySlice<UInt8>)) -> String {
        let dotted = dottedOID(oid)
        guard let name = shortNames[dotted], let text = string(value.tag, value.content.bytes) else {
            return dotted + "=#" + value.whole.map { ($0 < 16 ? "0" : "") + String($0, radix: 16).uppercased() }.joined()
        }
        return name + "=" + escaped(text)
    }

    static func string(_ tag: UInt8, _ bytes: ArraySlice<UInt8>) -> String? {
        switch tag {
        case 0x0C, 0x13, 0x16: return String(validating: bytes, as: UTF8.self)
        case 0x14: return String(bytes.map { Character(Unicode.Scalar($0)) })
        case 0x1E:
            guard bytes.count % 2 == 0 else { return nil }
            let units = stride(from: bytes.startIndex, to: bytes.endIndex, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(validating: units, as: UTF16.self)
        case 0x1C:
            guard bytes.count % 4 == 0 else { return nil }
            var text = ""
            for index in stride(from: bytes.startIndex, to: bytes.endIndex, by: 4) {
                let value = (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[index + $1]) }
                guard let scalar = Unicode.Scalar(value) else { return nil }
                text.unicodeScalars.append(scalar)
            }
            return text
        default: return nil
        }
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case ",", "+", "\"", "\\", "<", ">", ";": out += "\\" + String(scalar)
            case "#" where index == 0: out += "\\#"
            case " " where index == 0 || index == scalars.count - 1: out += "\\ "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16).uppercased()
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func dottedOID(_ bytes: ArraySlice<UInt8>) -> String {
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        for byte in bytes {
            guard value < (1 << 56) else { return "0" }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    arcs += value < 80 ? [value / 40, value % 40] : [2, value - 80]
                } else {
                    arcs.append(value)
                }
                value = 0
            }
        }
        return arcs.map(String.init).joined(separator: ".")
    }
}

/// Reads DER's tag-length-value triples from a slice: single-byte tags,
/// definite lengths only, every length checked against what is left.
struct DERReader {
    var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    var isEmpty: Bool { bytes.isEmpty }
    var peek: UInt8? { bytes.first }

    /// The next element's content if its tag is `tag`.
    mutating func read(tag: UInt8) -> DERReader? {
        guard bytes.first == tag, let element = readAny() else { return nil }
        return element.content
    }

    /// The next element: its tag, its content, and the whole of it (tag and length included).
    mutating func readAny() -> (tag: UInt8, content: DERReader, whole: ArraySlice<UInt8>)? {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return nil }
        let tag = bytes[start]
        guard tag & 0x1F != 0x1F else { return nil }   // multi-byte tags: none in a certificate's head
        var index = start + 1
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard (1...4).contains(count), bytes.endIndex - index >= count else { return nil }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
        }
        guard length >= 0, bytes.endIndex - index >= length else { return nil }
        let content = bytes[index..<(index + length)]
        let whole = bytes[start..<(index + length)]
        bytes = bytes[(index + length)...]
        return (tag, DERReader(content), whole)
    }
}
