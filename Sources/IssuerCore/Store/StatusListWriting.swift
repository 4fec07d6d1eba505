import Foundation

/// Changes to status lists.
public protocol StatusListWriting: StatusListReading {
    /// Inserts or replaces a list (by id).
    func saveStatusList(_ list: StatusListRecord) throws
    /// Counts one more index held in list `id` (`allocated + 1`) and changes nothing else: not the
    /// bits, not `updatedAt`, which says when the list was last signed. Throws
    /// ``IssuerError`` `notFound` when there is no such list.
    func incrementStatusListAllocated(id: String) throws
}
