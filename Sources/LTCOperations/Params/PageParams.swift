import LTCCore

/// The paging params of every listing: at most `limit` items after the
/// cursor `after`, the `next` of the page before.
///
/// ```swift
/// struct Input: Params { @ParamGroup var page: PageParams<Int> }
/// try service.list(page: input.page.request())
/// ```
public struct PageParams<Cursor: ParamValue & Hashable>: Params {
    @Param("limit", "At most this many (1–10000; default 100).", default: .integer(PageRequest<Int>.defaultLimit), .range(1...PageRequest<Int>.maximumLimit))
    public var limit: Int
    @Param("after", "Only those after this one: the `next` of the previous page.", .text(.id))
    public var after: Cursor?

    public init() {}

    public func request() throws -> PageRequest<Cursor> {
        try PageRequest(after: after, limit: limit)
    }
}
