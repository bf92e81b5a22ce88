/// An optional number stored in 8 bytes, NaN for missing: an optional Double takes 16 in a
/// row, and a national run keeps a million such rows. Missing equals missing.
@propertyWrapper
public struct MissingNumber: Hashable, Sendable, Codable {
    private var stored: Double

    public init(wrappedValue: Double?) { stored = wrappedValue ?? .nan }

    public var wrappedValue: Double? {
        get { stored.isNaN ? nil : stored }
        set { stored = newValue ?? .nan }
    }

    public static func == (a: MissingNumber, b: MissingNumber) -> Bool { a.wrappedValue == b.wrappedValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
    public init(from decoder: any Decoder) throws { self.init(wrappedValue: try Double?(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try wrappedValue.encode(to: encoder) }
}
