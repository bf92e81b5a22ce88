import ChitieuModel
import Testing

@Suite("Administrative units after 1 July 2025 and before")
struct AdministrativeMapTests {
    let map = AdministrativeMap.official

    @Test("The 63 provinces go into the 34: each old one into exactly one new one, every new one made of some")
    func provinces() {
        #expect(map.provinces.count == 34)
        #expect(map.formerProvinces.count == 63)
        #expect(Set(map.formerProvinces.map(\.code)).count == 63)
        for old in map.formerProvinces {
            let into = map.provinceSuccession.filter { $0.oldCode == old.code }
            #expect(into.count == 1, "\(old)")
            #expect(into.allSatisfy { s in map.provinces.contains { $0.code == s.newCode } }, "\(old)")
        }
        for new in map.provinces {
            #expect(!map.predecessors(ofProvince: new.code).isEmpty, "\(new)")
        }
        #expect(map.predecessors(ofProvince: "48").map(\.oldCode) == ["48", "49"])
        #expect(map.predecessors(ofProvince: "08").map(\.oldCode) == ["02", "08"])
        #expect(map.predecessors(ofProvince: "20").map(\.oldCode) == ["20"])
        // Every new code was the code of one of its old provinces.
        #expect(map.provinces.allSatisfy { new in map.predecessors(ofProvince: new.code).contains { $0.oldCode == new.code } })
        #expect(map.formerProvinces.count - map.provinces.count == 29)
    }

    @Test("A province is found by code, by its name now and by its old names with their dates")
    func resolve() {
        #expect(map.province("08", on: "2025-12-31")?.name == "Tỉnh Tuyên Quang")
        #expect(map.province("Tuyên Quang", on: "2025-12-31")?.code == "08")
        #expect(map.province("tỉnh hà giang", on: "2024-12-31")?.code == "02")
        #expect(map.successor(ofProvince: "02") == "08")
        #expect(map.province("Quảng Nam", on: "2024-12-31")?.code == "49")
        #expect(map.province("Thừa Thiên Huế", on: "2024-06-30")?.code == "46")
        #expect(map.province("TT Huế", on: "2024-06-30")?.code == "46")
        #expect(map.province(code: "46", on: "2024-12-31")?.name == "Tỉnh Thừa Thiên Huế")
        #expect(map.province(code: "46", on: "2025-03-01")?.name == "Thành phố Huế")
        #expect(map.province("TP.HCM", on: "2025-12-31")?.code == "79")
        #expect(map.province("Thanh pho Da Nang", on: "2025-12-31")?.code == "48")
        #expect(map.province("Lạng Sơn", on: "2024-12-31")?.code == "20")
        #expect(map.province("Lạng Sơn", on: "2025-12-31")?.code == "20")
        #expect(map.province("Xứ Đoài", on: "2025-12-31") == nil)
    }

    @Test("A misspelled province gets the nearest official names")
    func suggestions() {
        #expect(map.suggestions(for: "Tuyen Quan").contains { $0.code == "08" })
        #expect(map.suggestions(for: "Lang Son").first?.code == "20")
    }

    @Test("The 3,321 communes and the conversion table: split communes on several rows, each part marked")
    func communes() {
        let communes = AdministrativeMap.communes
        #expect(communes.communes.count == 3321)
        #expect(Set(communes.communes.map(\.code)).count == 3321)
        // Every row goes into a commune of the list.
        #expect(communes.succession.allSatisfy { communes.commune(code: $0.newCode) != nil })
        // An old commune split among several new ones appears on each, never as a whole part.
        // By code and name (loosely: the table also writes "Phường  6"): the NSO table gives three
        // old codes to two communes each (01615 and 02485 both merged whole; 00553 "Xã Cổ Bi"
        // and once "Xã Đặng Xá"); those are not splits of one commune.
        struct Old: Hashable { let code: String; let name: String }
        let byOld = Dictionary(grouping: communes.succession, by: { Old(code: $0.oldCode, name: NameMatching.loose($0.oldName)) })
        let sharedCodes = Dictionary(grouping: Set(byOld.keys), by: \.code).filter { $0.value.count > 1 }.keys.sorted()
        #expect(sharedCodes == ["00553", "01615", "02485"])
        let split = byOld.filter { $0.value.count > 1 }
        #expect(split.count >= 400, "\(split.count) split communes")
        for (_, rows) in split {
            #expect(rows.allSatisfy { !$0.whole }, "\(rows)")
            #expect(Set(rows.map(\.newCode)).count == rows.count)
        }
        // An old commune in one row went wholly, or is marked a part.
        let whole = byOld.values.filter { $0.count == 1 }.flatMap { $0 }
        #expect(whole.filter(\.whole).count > 9000)
        // Trúc Bạch went wholly into Ba Đình.
        #expect(communes.successors(of: "00004").contains { $0.newCode == "00004" && $0.whole })
        #expect(communes.predecessors(of: "00004").contains { $0.oldName == "Phường Trúc Bạch" })
    }
}
