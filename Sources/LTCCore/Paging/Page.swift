/// How much of a listing to read: at most `limit` items after the cursor
/// `after`, in the listing's stable order (by id, ascending). Listings are
/// paged in the store, so a page costs its own size however long the list.
///
/// ```swift
/// let first = try PageRequest<Int>(after: nil, limit: 50)
/// let page = try tx.cases.list(query, page: first)       // page.items, page.next
/// let second = try PageRequest(after: page.next, limit: 50)
/// ```
public struct PageRequest<Cursor: Sendable & Hashable>: Sendable, Hashable {
    /// What a listing returns when no limit is given.
    public static var defaultLimit: Int { 100 }
    /// The most items one page may hold.
    public static var maximumLimit: Int { 10_000 }

    public var after: Cursor?
    public var limit: Int

    /// - Throws: an ``InputError`` when `limit` is outside 1…``maximumLimit``.
    public init(after: Cursor? = nil, limit: Int? = nil) throws(InputError) {
        let limit = limit ?? Self.defaultLimit
        guard (1...Self.maximumLimit).contains(limit) else {
            throw InputError(source: "limit", message: "\(limit) is not a page size; give 1 to \(Self.maximumLimit)")
        }
        self.after = after
        self.limit = limit
    }

    /// The largest page after `after`: bulk work reads a listing in these.
    public static func largest(after: Cursor? = nil) -> PageRequest {
        PageRequest(unchecked: after, limit: maximumLimit)
    }

    private init(unchecked after: Cursor?, limit: Int) {
        self.after = after
        self.limit = limit
    }
}

/// One page of a listing and the cursor of the next, if there is more.
public struct Page<Item, Cursor> {
    public var items: [Item]
    /// Pass as `after` to read the next page; `nil` on the last page.
    public var next: Cursor?

    public init(items: [Item], next: Cursor?) {
        self.items = items
        self.next = next
    }

    /// A page from up to `limit + 1` rows read in order: the extra row only says that there is more.
    public init(rows: [Item], limit: Int, cursor: (Item) -> Cursor) {
        if rows.count > limit {
            items = Array(rows.prefix(limit))
            next = items.last.map(cursor)
        } else {
            items = rows
            next = nil
        }
    }

    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other, Cursor> {
        Page<Other, Cursor>(items: try items.map(transform), next: next)
    }
}

extension Page: Sendable where Item: Sendable, Cursor: Sendable {}
