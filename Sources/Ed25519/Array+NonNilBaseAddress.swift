extension Array where Element == UInt8 {
    /// Calls `body` with a pointer that is never nil, even for an empty array.
    ///
    /// Several OpenSSL functions reject a NULL input even when its length is 0, and Swift gives a
    /// nil base address for empty arrays.
    func withNonNilBaseAddress<Result>(_ body: (UnsafePointer<UInt8>, Int) -> Result) -> Result {
        if isEmpty {
            var placeholder: UInt8 = 0
            return withUnsafePointer(to: &placeholder) { body($0, 0) }
        }
        return withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }
}
