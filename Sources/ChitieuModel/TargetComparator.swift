/// How a target's number binds the result.
public enum TargetComparator: String, Sendable, Codable, CaseIterable {
    /// "đạt X", or plainly "X": the target level.
    case eq
    /// "trên X", "hơn X": strictly above.
    case gt
    /// "ít nhất X", "tối thiểu X", "X trở lên", "không dưới X": at least.
    case gte
    /// "dưới X": strictly below.
    case lt
    /// "không quá X", "tối đa X", "giảm … còn X", "Top 5": at most.
    case lte
    /// "X-Y", "từ X đến Y": inside the range.
    case range
    /// "tăng (thêm) X": an increase by X.
    case increaseBy = "increase_by"
    /// "giảm X": a decrease by X.
    case decreaseBy = "decrease_by"

    /// The comparator as an official writes it before the number.
    public var vietnamese: String {
        switch self {
        case .eq: "đạt"
        case .gt: "trên"
        case .gte: "ít nhất"
        case .lt: "dưới"
        case .lte: "không quá"
        case .range: "từ … đến"
        case .increaseBy: "tăng"
        case .decreaseBy: "giảm"
        }
    }
}
