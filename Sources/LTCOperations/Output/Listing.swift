import LTCCore

/// What a listing lists: its name in the result, its JSON, its cursor and
/// how a page of them reads as a table.
///
/// ```swift
/// extension StaffMember: Listable {
///     public static let listName = "staff"
///     …
/// }
/// ```
public protocol Listable: Sendable {
    associatedtype Cursor: Sendable
    /// The member holding the items: `cases`, `agreements`.
    static var listName: String { get }
    static var itemSchema: JSONSchema { get }
    static func cursorJSON(_ cursor: Cursor) -> JSONValue
    /// The page as a table, with its header.
    static func table(_ items: [Self]) -> String
    var listJSON: JSONValue { get }
}

/// A page of a listing: `{<name>: [...], next}`, `next` null on the last page;
/// as text, the table and the option that reads the next page.
public struct Listing<Item: Listable>: OperationOutput {
    public let items: [Item]
    public let next: Item.Cursor?

    public init(_ page: Page<Item, Item.Cursor>) {
        items = page.items
        next = page.next
    }

    public init(items: [Item], next: Item.Cursor?) {
        self.items = items
        self.next = next
    }

    public var json: JSONValue {
        [Item.listName: .array(items.map(\.listJSON)), "next": next.map(Item.cursorJSON) ?? .null]
    }

    public var text: String {
        var lines = [Item.table(items)]
        if let next { lines.append("(more: --after \(JSONText.plain(Item.cursorJSON(next))))") }
        return lines.joined(separator: "\n")
    }

    public static var schema: JSONSchema {
        .object([(Item.listName, .array(Item.itemSchema)), ("next", JSONSchema.any.describing("The `after` of the next page; null on the last page."))],
                required: [Item.listName, "next"])
    }
}

/// A JSON value as a person types it back: a string without its quotes.
enum JSONText {
    static func plain(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return JSONWriter.string(value)
    }
}
