/// The words of Vietnamese target-setting: units, magnitudes, comparator cues and fillers.
///
/// All lists are lower case and matched as whole words. They describe the language, not any
/// one document.
enum Lexicon {
    /// Magnitude words and their factors. "vạn" is 10 000 but mostly appears as "trên 1 vạn dân".
    static let magnitudes: [(word: [Unicode.Scalar], canonical: String, factor: Double)] = [
        ("nghìn tỷ", "nghìn tỷ", 1e12), ("nghìn tỉ", "nghìn tỷ", 1e12), ("ngàn tỷ", "nghìn tỷ", 1e12), ("ngàn tỉ", "nghìn tỷ", 1e12),
        ("nghìn", "nghìn", 1e3), ("ngàn", "nghìn", 1e3), ("triệu", "triệu", 1e6), ("tỷ", "tỷ", 1e9), ("tỉ", "tỷ", 1e9),
    ].map { (Array($0.0.unicodeScalars), $0.1, $0.2) }.sorted { $0.word.count > $1.word.count }

    /// Base units that a magnitude may scale ("tỷ đồng", "triệu lượt"), canonical spelling second.
    static let scalableUnits: [(word: [Unicode.Scalar], canonical: String)] = [
        ("đồng", "đồng"), ("usd", "USD"), ("đô la mỹ", "USD"), ("lượt", "lượt"),
        ("người", "người"), ("hộ", "hộ"), ("tấn", "tấn"), ("ha", "ha"), ("héc-ta", "ha"), ("hecta", "ha"),
        ("lao động", "lao động"), ("m3", "m3"), ("m²", "m2"), ("m2", "m2"), ("kwh", "kWh"), ("con", "con"), ("cây", "cây"),
    ].map { (Array($0.0.unicodeScalars), $0.1) }.sorted { $0.word.count > $1.word.count }

    /// Units that stand alone after a number: counts of things, lengths, rates.
    static let countUnits: [String] = [
        "doanh nghiệp", "hợp tác xã", "tổ hợp tác", "xã", "phường", "thị trấn", "huyện", "thôn", "bản", "tổ dân phố",
        "hộ gia đình", "hộ", "người", "lao động", "học sinh", "sinh viên", "trường", "trạm y tế", "bác sĩ", "giường bệnh", "giường",
        "tiêu chí", "sản phẩm", "dự án", "công trình", "căn nhà", "căn", "ngôi nhà", "nhà", "km", "ki-lô-mét", "cây số", "mét", "m",
        "ha", "tấn", "tạ/ha", "đảng viên", "chi bộ", "tổ chức cơ sở đảng", "cơ sở", "đơn vị", "khu công nghiệp", "cụm công nghiệp",
        "chợ", "làng nghề", "di tích", "điểm", "thủ tục", "hồ sơ", "vụ", "vụ án", "đối tượng", "thẻ", "con", "cây", "lượt",
        "thiết chế", "nhà văn hóa", "xã, phường, thị trấn", "mô hình", "chuỗi", "trang trại", "đô thị", "cửa hàng", "siêu thị",
    ]
    static let countUnitWords: [[Unicode.Scalar]] = countUnits.scalarWords

    /// The noun-like units that can head a name: "Số xã …", "Số hộ nghèo".
    static let nounUnits: Set<String> = Set(countUnits).subtracting(["km", "ki-lô-mét", "cây số", "mét", "m", "ha", "tấn", "tạ/ha", "điểm", "lượt"])

    /// "/1 vạn dân", "trên 1 vạn dân"… after a unit make it a per-population unit.
    static let perPopulation: [[Unicode.Scalar]] = [
        "/1 vạn dân", "/ 1 vạn dân", "/vạn dân", "/ vạn dân", "trên 1 vạn dân", "/10.000 dân", "/10.000 người dân", "/1 vạn người dân",
    ].scalarWords

    /// Percent spellings.
    static let percentWords: [[Unicode.Scalar]] = ["%", "phần trăm"].scalarWords
    static let perMilleWords: [[Unicode.Scalar]] = ["‰", "phần nghìn", "phần ngàn"].scalarWords

    /// "/người/năm", "/ha": a per-something tail that belongs to the unit ("triệu đồng/người/năm").
    static let perTails: [[Unicode.Scalar]] = ["/người/năm", "/người/tháng", "/người", "/năm", "/tháng", "/ha/năm", "/ha", "/hộ/năm", "/hộ", "/km2", "/km²", "/lao động/năm", "/lao động"].scalarWords

    /// Words that may stand between a colon and its number: "GRDP: đạt 7,5%".
    static let colonCues: [[Unicode.Scalar]] = ["đạt", "trên", "hơn", "khoảng", "tăng", "giảm", "từ", "ít nhất", "tối thiểu", "tối đa", "dưới", "không quá", "không dưới", "còn", "gần", "bình quân", "đạt từ", "đạt trên", "phấn đấu đạt", "≥", "≤", ">", "<"].scalarWords

    // MARK: TargetComparator cues before the number

    static let strictlyAbove: [[Unicode.Scalar]] = [">", "trên", "hơn", "cao hơn", "vượt", "lớn hơn", "vượt mức"].scalarWords
    static let atLeast: [[Unicode.Scalar]] = ["≥", ">=", "ít nhất", "tối thiểu", "không dưới", "không thấp hơn", "không ít hơn", "tối thiểu là", "ít nhất là"].scalarWords
    static let strictlyBelow: [[Unicode.Scalar]] = ["<", "dưới", "thấp hơn", "ít hơn", "nhỏ hơn", "còn dưới", "xuống dưới", "giảm xuống dưới", "giảm còn dưới", "xuống còn dưới", "xuống mức dưới"].scalarWords
    static let atMost: [[Unicode.Scalar]] = ["≤", "<=", "không quá", "tối đa", "không vượt quá", "không cao hơn", "không lớn hơn", "còn", "xuống còn", "giảm còn", "giảm xuống còn", "top", "còn không quá", "ở mức không quá"].scalarWords
    static let approximately: [[Unicode.Scalar]] = ["khoảng", "gần", "xấp xỉ", "trên dưới", "khoảng từ", "ước khoảng"].scalarWords
    static let increase: [[Unicode.Scalar]] = ["tăng thêm", "tăng", "thêm", "tăng trong năm", "tăng lên", "phát triển thêm", "có thêm", "bổ sung thêm", "tăng bình quân"].scalarWords
    static let decrease: [[Unicode.Scalar]] = ["giảm", "giảm thêm", "kéo giảm", "giảm bình quân", "giảm trong năm"].scalarWords
    /// Words that sit between a name and its number without changing the comparator.
    static let linkers: [[Unicode.Scalar]] = [
        "đạt", "đạt và vượt", "là", "ở mức", "mức", "lên", "lên mức", "đạt mức", "bằng", "có", "duy trì", "bình quân",
        "đạt tỷ lệ", "đạt tỉ lệ", "với", "trong năm", "cả năm", "năm nay", "từ", "xuống", "giảm xuống",
    ].scalarWords

    /// Words after a number that make it a bound: "80% trở lên", "5% trở xuống".
    static let atLeastAfter: [[Unicode.Scalar]] = ["trở lên"].scalarWords
    static let atMostAfter: [[Unicode.Scalar]] = ["trở xuống", "trở lại"].scalarWords

    /// Range joiners: "7,5-8%", "7,5 - 8%", "từ 7,5 đến 8%", "7,5% – 8%".
    static let rangeJoiners: [[Unicode.Scalar]] = ["-", "–", "—", "đến", "tới", "÷", "~"].scalarWords

    // MARK: Names

    /// Words that start a new target inside a clause when they follow a comma or "và".
    static let starters: [String] = [
        "nâng", "đạt", "phấn đấu", "phân đầu", "phần đầu", "phấn đầu", "có", "tăng", "giảm", "trong đó", "hoàn thành", "thành lập",
        "giải ngân", "duy trì", "thu hút", "đón", "tạo", "giải quyết", "kéo giảm", "huy động", "thu", "bảo đảm", "đảm bảo",
        "kết nạp", "trồng", "tỷ lệ", "tỉ lệ", "số", "tổng", "kim ngạch", "giá trị", "sản lượng", "thu nhập", "chỉ số", "mỗi",
        "xây dựng", "phát triển", "tốc độ", "tuyển sinh", "hỗ trợ", "đào tạo",
    ]
    static let starterWords: [[Unicode.Scalar]] = starters.scalarWords

    /// Phrases at the start of a segment that are not part of any name.
    static let leadingFillers: [[Unicode.Scalar]] = [
        "phấn đấu", "phân đầu", "phần đầu", "phấn đầu", "phân đấu", "cụ thể là", "cụ thể", "trong đó", "gồm", "như", "và", "với",
        "đồng thời", "đến cuối năm", "đến hết năm", "trong năm", "năm", "đến năm", "cuối năm", "tiếp tục", "bảo đảm", "đảm bảo",
        "các chỉ tiêu chủ yếu", "chỉ tiêu", "mục tiêu", "nhằm", "để", "phải", "cố gắng", "quyết tâm", "bình quân", "duy trì",
        "có", "nâng", "đạt", "mỗi năm", "hằng năm", "hàng năm", "toàn tỉnh", "toàn huyện", "toàn thị xã", "toàn thành phố", "trên địa bàn",
    ].scalarWords

    /// Verbs that make a good head for a name when the number comes first: "Giải ngân kế hoạch vốn".
    static let keptVerbs: Set<String> = [
        "giải ngân", "hoàn thành", "thành lập", "thu hút", "đón", "tạo việc làm cho", "giải quyết việc làm cho", "kết nạp", "trồng",
        "tạo việc làm mới cho", "giải quyết việc làm mới cho", "tạo việc làm mới", "giải quyết việc làm mới",
        "trồng mới", "xây dựng", "đào tạo", "tuyển sinh", "hỗ trợ", "cấp", "xóa", "huy động", "thu",
    ]

    /// Words in a number-first name that only say "more of it".
    static let additiveVerbs: Set<String> = ["có thêm", "phát triển thêm", "tăng thêm", "thêm", "bổ sung thêm", "tăng"]

    /// Words that make a name too vague to stand alone ("đạt tỷ lệ 71%" after "137 xã").
    static let vagueNames: Set<String> = ["tỷ lệ", "tỉ lệ", "tương đương", "bằng", "tương ứng", "đạt", "chiếm", ""]

    // MARK: Not targets

    /// Words before a number that make it a reference, a date or a count, not a target.
    static let referenceCues: [[Unicode.Scalar]] = [
        "số", "số:", "giai đoạn", "nhiệm kỳ", "khóa", "lần thứ", "thứ", "điều", "khoản", "mục", "phần",
        "chương", "kỷ niệm", "cả", "hôm nay :", "hôm qua :", "tổng cộng :", "trong số", "tuổi", "đợt", "quý",
    ].scalarWords

    /// Date words before a number: "năm 2024", "tháng 6", "ngày 26" are dates when the number fits.
    static let dateCues: [(word: [Unicode.Scalar], range: ClosedRange<Double>)] = [
        ("năm", 1900...2100), ("tháng", 1...12), ("ngày", 1...31), ("quý", 1...4),
    ].map { (Array($0.0.unicodeScalars), $0.1) }

    /// Units that never make a target: spans of time and counts of sections.
    static let nonTargetWords: [[Unicode.Scalar]] = [
        "năm", "tháng", "ngày", "tuần", "giờ", "phút", "lần", "nội dung", "nhiệm vụ", "giải pháp", "điều", "khoản", "chương",
        "mục", "phong trào", "tiêu chí thi đua", "kỳ", "nhiệm kỳ", "tuổi",
    ].scalarWords
}

extension Lexicon {
    /// Verbs that open a qualitative commitment next to quantitative targets.
    static let commitments: [[Unicode.Scalar]] = [
        "hoàn thành việc", "hoàn thành", "đảm bảo", "bảo đảm", "thực hiện tốt", "giữ vững", "thực hành", "không để xảy ra",
        "kiềm chế", "phấn đấu không",
    ].scalarWords

    /// Time phrases at the start of a segment: "năm 2024", "trong năm 2024", "đến cuối năm 2025".
    static let timeLeads: [[Unicode.Scalar]] = ["đến cuối năm", "đến hết năm", "trong năm", "cuối năm", "đến năm", "năm"].scalarWords
}
