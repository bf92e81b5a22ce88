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

/// A value whose fields live in one `SharedBox`: copies share the box until one of them is
/// changed. Gives the field access (`value.name`), equality, hashing and coding of the fields.
@dynamicMemberLookup
public protocol SharedFields: Hashable, Sendable, Codable {
    associatedtype Fields: Hashable, Sendable, Codable
    var box: SharedBox<Fields> { get set }
    init(box: SharedBox<Fields>)
}

extension SharedFields {
    @inlinable
    public subscript<T>(dynamicMember path: WritableKeyPath<Fields, T>) -> T {
        get { box.value[keyPath: path] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = SharedBox(box.value) }
            box.value[keyPath: path] = newValue
        }
    }

    public static func == (a: Self, b: Self) -> Bool { a.box === b.box || a.box.value == b.box.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
    public init(from decoder: any Decoder) throws { self.init(box: SharedBox(try Fields(from: decoder))) }
    public func encode(to encoder: any Encoder) throws { try box.value.encode(to: encoder) }
}
