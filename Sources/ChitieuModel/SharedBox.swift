/// The storage of a copy-on-write value: the owning struct copies it before changing it when
/// it is shared.
public final class SharedBox<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` changes only through an owner that holds the one reference
    // (checked with isKnownUniquelyReferenced), so a shared box is never written.
    public var value: Value

    public init(_ value: Value) {
        self.value = value
    }
}

/// Rows kept in compact columns by whoever read them (a results or plan table), each row read
/// back as a value's fields when asked. A national run holds about a million rows: as columns
/// of interned strings they take a fifth of the memory of one object per row.
public final class RowStore<Fields: Sendable>: Sendable {
    public let count: Int
    private let read: @Sendable (Int) -> Fields
    /// Another store over the same rows, read as other values (a plan row read as the target it adds).
    public let companion: (any AnyObject & Sendable)?

    public init(count: Int, companion: (any AnyObject & Sendable)? = nil, read: @escaping @Sendable (Int) -> Fields) {
        self.count = count
        self.companion = companion
        self.read = read
    }

    public subscript(_ row: Int) -> Fields { read(row) }
}

/// Where the fields of a value live: in its own box, or in a row of a column store.
public struct FieldStorage<Fields: Sendable>: @unchecked Sendable {
    // @unchecked: the object is a SharedBox<Fields> (row < 0) or a RowStore<Fields>, both Sendable.
    @usableFromInline var object: AnyObject
    @usableFromInline var row: Int32

    public init(box: SharedBox<Fields>) {
        object = box
        row = -1
    }

    public init(store: RowStore<Fields>, row: Int) {
        object = store
        self.row = Int32(row)
    }

    @inlinable
    var box: SharedBox<Fields>? { row < 0 ? unsafeDowncast(object, to: SharedBox<Fields>.self) : nil }

    @inlinable
    public var fields: Fields {
        if let box { return box.value }
        return unsafeDowncast(object, to: RowStore<Fields>.self)[Int(row)]
    }
}

/// A value whose fields live in one `SharedBox` or one row of a `RowStore`: copies share the
/// storage until one of them is changed, when the changed copy gets a box of its own. Gives
/// the field access (`value.name`), equality, hashing and coding of the fields.
@dynamicMemberLookup
public protocol SharedFields: Hashable, Sendable, Codable {
    associatedtype Fields: Hashable, Sendable, Codable
    var storage: FieldStorage<Fields> { get set }
    init(storage: FieldStorage<Fields>)
}

extension SharedFields {
    /// All the fields at once: one read of a stored row for code that needs several of them.
    @inlinable
    public var fields: Fields { storage.fields }

    @inlinable
    public subscript<T>(dynamicMember path: WritableKeyPath<Fields, T>) -> T {
        get {
            if let box = storage.box { return box.value[keyPath: path] }
            return storage.fields[keyPath: path]
        }
        set {
            if storage.row < 0, isKnownUniquelyReferenced(&storage.object) {
                unsafeDowncast(storage.object, to: SharedBox<Fields>.self).value[keyPath: path] = newValue
                return
            }
            var fields = storage.fields
            fields[keyPath: path] = newValue
            storage = FieldStorage(box: SharedBox(fields))
        }
    }

    public init(fields: Fields) { self.init(storage: FieldStorage(box: SharedBox(fields))) }

    public static func == (a: Self, b: Self) -> Bool {
        if a.storage.object === b.storage.object, a.storage.row == b.storage.row { return true }
        return a.fields == b.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(fields) }
    public init(from decoder: any Decoder) throws { self.init(fields: try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
}
