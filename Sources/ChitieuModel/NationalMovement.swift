/// The national emulation movements launched by the Prime Minister, in one canonical list so that
/// units whose directives word them differently can be compared.
public struct NationalMovement: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Lower-case fragments that identify the movement in any province's wording.
    public var spellings: [String]

    public static let all: [NationalMovement] = [
        NationalMovement(code: "nong_thon_moi", name: "Cả nước chung sức xây dựng nông thôn mới",
                         spellings: ["chung sức xây dựng nông thôn mới", "chung tay xây dựng nông thôn mới"]),
        NationalMovement(code: "vi_nguoi_ngheo", name: "Vì người nghèo - Không để ai bị bỏ lại phía sau",
                         spellings: ["vì người nghèo", "không để ai bị bỏ lại phía sau"]),
        NationalMovement(code: "van_hoa_cong_so", name: "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
                         spellings: ["văn hóa công sở", "văn hoá công sở"]),
        NationalMovement(code: "doanh_nghiep_hoi_nhap", name: "Doanh nghiệp Việt Nam hội nhập và phát triển",
                         spellings: ["doanh nghiệp việt nam hội nhập"]),
        NationalMovement(code: "ket_cau_ha_tang", name: "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí",
                         spellings: ["kết cấu hạ tầng đồng bộ"]),
        NationalMovement(code: "xa_hoi_hoc_tap", name: "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
                         spellings: ["xây dựng xã hội học tập", "học tập suốt đời"]),
        NationalMovement(code: "an_ninh_to_quoc", name: "Toàn dân bảo vệ an ninh Tổ quốc", spellings: ["toàn dân bảo vệ an ninh tổ quốc"]),
        NationalMovement(code: "doi_song_van_hoa", name: "Toàn dân đoàn kết xây dựng đời sống văn hóa",
                         spellings: ["toàn dân đoàn kết xây dựng đời sống văn hóa", "toàn dân đoàn kết xây dựng đời sống văn hoá"]),
        NationalMovement(code: "xoa_nha_tam", name: "Xóa nhà tạm, nhà dột nát", spellings: ["xóa nhà tạm", "xoá nhà tạm"]),
    ]

    public static func named(_ code: String) -> NationalMovement? { all.first { $0.code == code } }
}
