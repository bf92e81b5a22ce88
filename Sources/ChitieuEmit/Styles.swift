import ChitieuModel
import Spreadsheet

/// The cell styles of an official report: Times New Roman throughout.
enum Styles {
    static let font = FontSpec(name: "Times New Roman", size: 12)
    static func font(size: Double = 12, bold: Bool = false, italic: Bool = false, underline: Bool = false, color: UInt32? = nil) -> FontSpec {
        FontSpec(name: "Times New Roman", size: size, bold: bold, italic: italic, underline: underline, color: color)
    }

    static let cell = CellStyle(font: font, vertical: .center, bordered: true)
    static let centered = CellStyle(font: font, horizontal: .center, vertical: .center, bordered: true)
    static let wrapped = CellStyle(font: font, horizontal: .left, vertical: .center, wrap: true, bordered: true)
    static let centeredWrapped = CellStyle(font: font, horizontal: .center, vertical: .center, wrap: true, bordered: true)
    static let header = CellStyle(font: font(bold: true), horizontal: .center, vertical: .center, wrap: true, bordered: true, fill: 0xDDEBF7)
    static let integer = CellStyle(font: font, horizontal: .right, vertical: .center, bordered: true, numberFormat: "#,##0")
    static let link = CellStyle(font: font(underline: true, color: 0x0563C1), vertical: .center, bordered: true)
    static let linkWrapped = CellStyle(font: font(underline: true, color: 0x0563C1), vertical: .center, wrap: true, bordered: true)
    static let linkPlain = CellStyle(font: font(underline: true, color: 0x0563C1), vertical: .center)
    static let statusPlain = CellStyle(font: font, horizontal: .center, vertical: .center, wrap: true, bordered: true)
    /// A SHA-256 in groups of eight hex digits, wrapping in a narrow column.
    static let hash = CellStyle(font: font, horizontal: .left, vertical: .center, wrap: true, bordered: true)
    static let unitLine = CellStyle(font: font(size: 12, italic: true), horizontal: .right, vertical: .center, wrap: true)
    static let bold = CellStyle(font: font(bold: true), horizontal: .left, vertical: .center, wrap: true, bordered: true)
    static let sectorHeading = CellStyle(font: font(bold: true), horizontal: .left, vertical: .center, bordered: true, fill: 0xF2F2F2)
    static let note = CellStyle(font: font(italic: true), horizontal: .left, vertical: .center, wrap: true, bordered: true)

    static func decimal(_ decimals: Int) -> CellStyle {
        CellStyle(font: font, horizontal: .right, vertical: .center, bordered: true, numberFormat: numberFormat(decimals))
    }

    /// Estimates are printed in italics.
    static func estimate(_ decimals: Int) -> CellStyle {
        CellStyle(font: font(italic: true), horizontal: .right, vertical: .center, bordered: true, numberFormat: numberFormat(decimals))
    }

    static func numberFormat(_ decimals: Int) -> String {
        decimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: decimals)
    }

    /// The colours a status word takes by conditional formatting: green above, red below, grey without data.
    static func statusColour(_ status: EvaluationStatus) -> CellStyle {
        var style = Styles.status(status)
        style.font.color = switch status {
        case .exceeded, .onTrack, .met: 0x006100
        case .notMet, .behind: 0x9C0006
        case .noData: 0x595959
        case .notEvaluable: 0x9C5700
        case .needsCheck: 0x7030A0
        }
        return style
    }

    static func status(_ status: EvaluationStatus) -> CellStyle {
        let color: UInt32? = switch status {
        case .exceeded, .onTrack: 0xC6EFCE
        case .met: 0xE2EFDA
        case .notMet, .behind: 0xFFC7CE
        case .noData: 0xEDEDED
        case .notEvaluable: 0xFFEB9C
        case .needsCheck: 0xE4DFEC
        }
        return CellStyle(font: font, horizontal: .center, vertical: .center, wrap: true, bordered: true, fill: color)
    }

    // The header block.
    static let bodyParent = CellStyle(font: font(size: 13), horizontal: .center, vertical: .center, wrap: true)
    static let bodyName = CellStyle(font: font(size: 13, bold: true), horizontal: .center, vertical: .center, wrap: true)
    static let nationalTitle = CellStyle(font: font(size: 13, bold: true), horizontal: .center, vertical: .center, wrap: true)
    static let motto = CellStyle(font: font(size: 14, bold: true, underline: true), horizontal: .center, vertical: .center, wrap: true)
    static let placeDate = CellStyle(font: font(size: 13, italic: true), horizontal: .center, vertical: .center, wrap: true)
    static let title = CellStyle(font: font(size: 14, bold: true), horizontal: .center, vertical: .center, wrap: true)
    static let subtitle = CellStyle(font: font(size: 13, italic: true), horizontal: .center, vertical: .center, wrap: true)
    static let signatureTitle = CellStyle(font: font(size: 13, bold: true), horizontal: .center, vertical: .center, wrap: true)
    static let signatureHint = CellStyle(font: font(size: 13, italic: true), horizontal: .center, vertical: .center, wrap: true)
}
