/// Lower case of a single Unicode scalar without allocating, for stages that scan text scalar by
/// scalar (text repair, extraction).
public enum ScalarCase {
    public static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.value < 0x80 {
            return c.value >= 65 && c.value <= 90 ? Unicode.Scalar(UInt8(c.value + 32)) : c
        }
        if c.value < 0x2000 { return table[Int(c.value)] }
        return c
    }

    /// Lower case of every scalar below U+2000 (Latin, Vietnamese, Greek, Cyrillic), computed once.
    /// Letters whose lower case is longer than one scalar keep their form.
    private static let table: [Unicode.Scalar] = (0..<0x2000).map { v in
        guard let c = Unicode.Scalar(UInt32(v)) else { return Unicode.Scalar(0) }
        let mapped = c.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first! : c
    }
}

extension String {
    /// A byte search that does not go through Foundation (NFC text, exact spelling).
    public func hasBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        return utf8.withContiguousStorageIfAvailable { hay -> Bool in
            guard hay.count >= n.count else { return false }
            for i in 0...(hay.count - n.count) where hay[i] == first {
                var k = 1
                while k < n.count, hay[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            return false
        } ?? contains(needle)
    }
}
