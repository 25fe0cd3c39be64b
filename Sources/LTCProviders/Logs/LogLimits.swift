import LTCCore

/// The most a line of a submission and each field of a service log may
/// hold. A longer one is malformed (F01), refused naming the field and its
/// limit; a line over ``lineBytes`` is skipped to its end a block at a time,
/// never held whole, so that a file of one enormous line costs no more
/// memory than a file of logs (docs/protocol.md lists the limits).
///
/// Ids and codes hold what an id holds everywhere in ltc:
/// `PlainText.Kind.id.maxLength`, 64 characters (Unicode scalars), as for
/// the params. Every other field has a fixed shape, and the limit is that
/// shape's longest.
///
/// ```swift
/// LogLimits.of("log_id")         // 64
/// LogLimits.lineBytes            // 8192: 5 ids of 64 four-byte characters, quoted or escaped, fit with room
/// ```
public enum LogLimits {
    /// A line of a submission (the CSV header, a CSV line, a JSON Lines
    /// object), in bytes, without its line ending.
    public static let lineBytes = 8_192
    /// The log id, institution, caregiver, item and mode, in characters.
    public static let id = PlainText.Kind.id.maxLength
    /// The person: a whole number of at most 18 digits.
    public static let person = 18
    /// `start` and `end`: `2026-03-05T09:30`, or with `:00` seconds.
    public static let time = 19
    /// A CSV `latitude` or `longitude`: `-121.473701`, in decimal degrees
    /// with at most 6 decimals, with room for leading spaces.
    public static let coordinate = 16
    /// A JSON Lines `location`: `"latitude,longitude"`.
    public static let location = 2 * coordinate + 1

    /// The limit of a field, by its CSV column or JSON Lines name; `nil` for a name that is neither.
    public static func of(_ field: String) -> Int? {
        switch field {
        case "log_id", "logId", "institution", "caregiver", "item", "mode": id
        case "person": person
        case "start", "end": time
        case "latitude", "longitude": coordinate
        case "location": location
        default: nil
        }
    }

    /// Why a field of `characters` characters cannot be read, if it is over its limit.
    static func problem(_ name: String, characters: Int, limit: Int) -> String? {
        characters > limit ? "the \(name) is \(characters) characters long; it may hold at most \(limit)" : nil
    }
}
