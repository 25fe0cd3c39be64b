import LTCCore
import LTCProviders

/// The busy times of a week as one blob in the usage ledger: compact, and
/// read or written whole with its week.
///
/// Layout: a format byte (1), the number of entries, then per entry the
/// start as a change from the previous entry's start and the duration, both
/// zigzag varints; then, in a person's week, the institution, log id,
/// caregiver and item; in a caregiver's week, the log id. Texts are a
/// varint length and UTF-8 bytes.
enum BusyCodec {
    /// What a week's rows say once for all of its entries.
    enum Owner {
        case person(Int)
        case caregiver(CaregiverKey)
    }

    static func encode(_ busy: [BusyTime], of owner: Owner) -> [UInt8] {
        var bytes: [UInt8] = [1]
        bytes.reserveCapacity(2 + busy.count * 24)
        varint(UInt64(busy.count), into: &bytes)
        var previous = 0
        for time in busy {
            signed(time.start.value - previous, into: &bytes)
            signed(time.end.value - time.start.value, into: &bytes)
            previous = time.start.value
            switch owner {
            case .person:
                text(time.institution, into: &bytes)
                text(time.logID, into: &bytes)
                text(time.caregiver, into: &bytes)
                text(time.item, into: &bytes)
            case .caregiver:
                text(time.logID, into: &bytes)
            }
        }
        return bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, of owner: Owner, record: String) throws(StorageError) -> [BusyTime] {
        var reader = Reader(bytes: bytes)
        guard reader.byte() == 1, let count = reader.varint(), count <= UInt64(bytes.count) else {
            throw StorageError.damaged(record, column: "busy", value: "\(bytes.count) bytes, not busy times")
        }
        var busy: [BusyTime] = []
        busy.reserveCapacity(Int(count))
        var previous = 0
        for _ in 0..<count {
            guard let delta = reader.signed(), let duration = reader.signed() else { throw StorageError.damaged(record, column: "busy", value: "a cut entry") }
            let start = previous + delta
            previous = start
            var time: BusyTime
            switch owner {
            case .person(let person):
                guard let institution = reader.text(), let logID = reader.text(), let caregiver = reader.text(), let item = reader.text() else {
                    throw StorageError.damaged(record, column: "busy", value: "a cut entry")
                }
                time = BusyTime(institution: institution, logID: logID, person: person, caregiver: caregiver, item: item,
                                start: LocalMinute(minutes: start), end: LocalMinute(minutes: start + duration))
            case .caregiver(let key):
                guard let logID = reader.text() else { throw StorageError.damaged(record, column: "busy", value: "a cut entry") }
                time = BusyTime(institution: key.institution, logID: logID, person: 0, caregiver: key.caregiver, item: "",
                                start: LocalMinute(minutes: start), end: LocalMinute(minutes: start + duration))
            }
            busy.append(time)
        }
        return busy
    }

    private static func varint(_ value: UInt64, into bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func signed(_ value: Int, into bytes: inout [UInt8]) {
        varint(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))), into: &bytes)
    }

    private static func text(_ value: String, into bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count), into: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0, shift: UInt64 = 0
            while let byte = byte() {
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }

        mutating func signed() -> Int? {
            guard let raw = varint() else { return nil }
            return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        }

        mutating func text() -> String? {
            guard let length = varint(), UInt64(bytes.count - offset) >= length else { return nil }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(length)]), as: UTF8.self)
            offset += Int(length)
            return text
        }
    }
}
