/// The storage of a copy-on-write value: the owning struct copies it before changing it when
/// it is shared.
@usableFromInline
final class SharedBox<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` changes only through an owner that holds the one reference
    // (checked with isKnownUniquelyReferenced), so a shared box is never written.
    @usableFromInline var value: Value

    @usableFromInline init(_ value: Value) {
        self.value = value
    }
}
