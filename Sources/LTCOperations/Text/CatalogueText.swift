import LTCCore
import LTCProviders

/// A scheme's service catalogue as a clerk reads it on a terminal: one row
/// per item, then the modes and the limits every log meets.
public enum CatalogueText {
    public static func text(_ catalogue: ServiceCatalogue) -> String {
        let agreed = catalogue.institution != nil && catalogue.agreedModes != nil
        let table = items(catalogue, agreed: agreed)
        var lines = ["catalogue of scheme \(catalogue.schemeID)" + (catalogue.institution.map { " for \($0)" } ?? ""), table.rendered(), "", "modes 服务方式"]
        for mode in catalogue.modes {
            let covered = catalogue.agreedModes.map { $0.contains(mode.id) ? "  (in the agreement)" : "  (not in the agreement)" } ?? ""
            lines.append("  \(mode.id)  \(mode.name.bilingual), delivered at \(mode.delivery.rawValue)\(covered)")
        }
        if let lateDays = catalogue.lateDays {
            lines.append("")
            lines.append("a log arrives at most \(lateDays) days after the day of service"
                         + (catalogue.checkInRadiusMeters.map { "; a check-in is at most \($0) m from the home" } ?? ""))
        }
        if catalogue.institution != nil, catalogue.agreedModes == nil {
            lines.append("\(catalogue.institution!) has no agreement in force under this scheme today: its logs would be rejected (A01)")
        }
        return lines.joined(separator: "\n")
    }

    /// One row per item: code, unit, modes, qualifications, plausible minutes, the scheme's price (and the agreed one), the name.
    static func items(_ catalogue: ServiceCatalogue, agreed: Bool) -> TextTable {
        var table = TextTable(rightAligned: agreed ? [5, 6] : [5])
        var header: [(english: String, chinese: String)] = [("ITEM", "项目"), ("UNIT", "单位"), ("MODES", "服务方式"), ("QUALIFICATION", "资质"),
                                                           ("MINUTES", "时长(分钟)"), ("PRICE", "标准价"), ("NAME", "名称")]
        if agreed { header.insert(("AGREED", "协议价"), at: 6) }
        table.header(header)
        for entry in catalogue.entries {
            let minutes = [entry.minimumMinutes.map(String.init), entry.maximumMinutes.map(String.init)].compactMap { $0 }.joined(separator: "–")
            var row = [entry.code, entry.unit.rawValue, entry.modes.joined(separator: ","),
                       entry.qualifications.isEmpty ? "any" : entry.qualifications.joined(separator: " or "),
                       minutes.isEmpty ? "—" : minutes, entry.price.grouped, entry.name.bilingual]
            if agreed { row.insert(entry.agreedPrice?.grouped ?? "—", at: 6) }
            table.append(row)
        }
        return table
    }
}
