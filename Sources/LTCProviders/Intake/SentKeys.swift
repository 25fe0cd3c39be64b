/// The log keys a submission has sent so far, as a Bloom filter of fixed
/// size: "not sent" is certain, "maybe sent" costs a lookup in the store.
/// Memory stays the same whatever the submission's length.
struct SentKeys {
    private var bits: [UInt64]
    private let mask: UInt64

    /// - Parameter expected: about how many keys will be added (sizes the filter, within 128 KiB to 16 MiB).
    init(expected: Int) {
        var count = 1 << 14   // words of 64 bits: 128 KiB
        while count < (1 << 21) && count * 64 < expected * 16 { count <<= 1 }
        bits = [UInt64](repeating: 0, count: count)
        mask = UInt64(count * 64 - 1)
    }

    /// Adds a key; whether it may have been added before.
    mutating func insert(institution: String, logID: String) -> Bool {
        let (first, step) = Self.hashes(institution, logID)
        var present = true
        for round in 0..<UInt64(3) {
            let position = (first &+ round &* step) & mask
            let bit: UInt64 = 1 << (position & 63)
            if bits[Int(position >> 6)] & bit == 0 {
                present = false
                bits[Int(position >> 6)] |= bit
            }
        }
        return present
    }

    /// Three positions from one 64-bit FNV-1a hash of the key (double hashing).
    private static func hashes(_ institution: String, _ logID: String) -> (UInt64, UInt64) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in institution.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        hash = (hash ^ 0x2f) &* 0x0000_0100_0000_01b3
        for byte in logID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return (hash, (hash >> 29 | hash << 35) | 1)
    }
}
