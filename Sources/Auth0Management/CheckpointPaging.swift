/// The bookkeeping of a checkpoint-paged list (`take`, then `from=<next>`): the cursor to
/// ask for next, and the checks that make every list end.
struct CheckpointPaging {
    /// The most pages read before the list is an error.
    let limit: Int
    /// Why the limit ended the list, for the error.
    let limitReason: String
    /// The cursor for the next request; `nil` for the first.
    private(set) var from: String?
    private var pages = 0
    private var cursors = Set<String>()

    init(limit: Int, limitReason: String) {
        self.limit = limit
        self.limitReason = limitReason
    }

    /// Counts a page just read and returns whether to read another: an empty page, or one
    /// without `next`, ends the list whatever else it says.
    ///
    /// - Throws: ``ManagementAPIError/pagingDidNotEnd(endpoint:pages:reason:)`` for a cursor
    ///   seen before, or a list longer than ``limit`` pages.
    mutating func advance(empty: Bool, next: String?, endpoint: Endpoint) throws(ManagementAPIError) -> Bool {
        pages += 1
        guard !empty, let next else { return false }
        guard cursors.insert(next).inserted else {
            throw .pagingDidNotEnd(endpoint: endpoint, pages: pages, reason: "the cursor in next came back a second time")
        }
        guard pages < limit else {
            throw .pagingDidNotEnd(endpoint: endpoint, pages: pages, reason: limitReason)
        }
        from = next
        return true
    }
}
