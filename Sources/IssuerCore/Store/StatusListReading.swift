import Foundation

/// Bitstring status lists and which of their indexes credentials hold.
public protocol StatusListReading {
    /// The list with this id (`revocation-1`, …), bits and signed list credential included.
    func statusList(id: String) throws -> StatusListRecord?
    /// Every list of `purpose` (every list when `nil`), in id order.
    func statusLists(purpose: StatusPurpose?) throws -> [StatusListRecord]
    /// Every list of `purpose` with how full it is, in id order, reading neither bits nor signed
    /// credentials (what allocating an index needs).
    func statusListUsage(purpose: StatusPurpose) throws -> [StatusListUsage]
    /// Whether a credential holds this index of this list.
    func isStatusIndexTaken(list: String, index: Int) throws -> Bool
}
