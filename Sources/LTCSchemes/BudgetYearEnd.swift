import LTCCore

/// How the year-end close settles what settlement held above institutions'
/// budgets (年终清算; the project's reading of 总额预算管理 as cities apply
/// it to LTCI designated institutions, `../shared/domain/`: "结余留用、
/// 合理超支分担"): no city's numbers are verified, so the example scheme's
/// are the project's illustration, and every number is data.
///
/// At the close, for each institution with a budget, on the year's use
/// (the fund shares of its settled statements, net of later corrections):
/// - within the budget, the fund owes the use: holds up to the budget are
///   paid in full, whatever the rating;
/// - overspend sharing (超支分担): of the use above the budget, the fund bears
///   each band's `fundShare` (bands are slices of the overspend, as shares of
///   the budget: `upTo` 0.1 is the first 10 % of the budget above it); what
///   that comes to beyond what the statements already paid is released from
///   the holds, times the rating's share; the rest of the holds is kept;
/// - surplus retention (结余留用): where the year used at least
///   `surplus.minimumUse` of the budget, of the budget left unused, up to
///   `surplus.upTo` of it, the share `surplus.retained` is paid to the
///   institution, times the rating's share (an institution that used little
///   of its budget is not rewarded for it);
/// - the rating is that of the institution's last performance assessment
///   ending in the year (`ratings`: rating → share), `unrated` where there
///   is none.
/// The close never takes back what a statement paid.
///
/// ```json
/// "yearEnd": {"overspend": [{"upTo": 0.1, "fundShare": 0.7}, {"fundShare": 0.5}],
///             "surplus": {"minimumUse": 0.8, "upTo": 0.1, "retained": 0.5},
///             "ratings": {"excellent": 1, "good": 1, "pass": 0.5, "fail": 0}, "unrated": 0.5}
/// ```
public struct BudgetYearEnd: Sendable, Equatable {
    /// A slice of the overspend and the share of it the fund bears.
    public struct OverspendBand: Sendable, Equatable {
        /// Where the slice ends, as a share of the budget above it; `nil` for the last: the rest.
        public var upTo: Ratio?
        public var fundShare: Ratio

        public init(upTo: Ratio?, fundShare: Ratio) {
            self.upTo = upTo
            self.fundShare = fundShare
        }
    }

    /// The slices of the overspend, lowest first; the last has no `upTo`.
    public var overspend: [OverspendBand]
    /// The least use, as a share of the budget, for a surplus to be retained at all.
    public var surplusMinimumUse: Ratio
    /// The most of the unused budget counted, as a share of the budget.
    public var surplusUpTo: Ratio
    /// The share of the unused budget counted paid to the institution.
    public var surplusRetained: Ratio
    /// Rating → the share of what the close pays above the budget, and of the surplus retained.
    public var ratings: [String: Ratio]
    /// That share for an institution no assessment rated in the year.
    public var unrated: Ratio

    public init(overspend: [OverspendBand], surplusMinimumUse: Ratio, surplusUpTo: Ratio, surplusRetained: Ratio, ratings: [String: Ratio],
                unrated: Ratio) {
        self.overspend = overspend
        self.surplusMinimumUse = surplusMinimumUse
        self.surplusUpTo = surplusUpTo
        self.surplusRetained = surplusRetained
        self.ratings = ratings
        self.unrated = unrated
    }

    /// What applies where a scheme with budgets says nothing of the year's
    /// end (the project's choice): the fund bears none of the overspend and
    /// retains nothing of a surplus, so the close pays the holds up to the
    /// budget and keeps the rest.
    public static let silent = BudgetYearEnd(overspend: [OverspendBand(upTo: nil, fundShare: Ratio(basisPoints: 0))],
                                             surplusMinimumUse: .one, surplusUpTo: Ratio(basisPoints: 0), surplusRetained: Ratio(basisPoints: 0), ratings: [:],
                                             unrated: Ratio(basisPoints: 0))

    /// The share the fund bears of `overspend` above `budget`, band by
    /// band, each band's part rounded half-up to the fen.
    public func fundShare(of overspend: Money, budget: Money) -> Money {
        var total = Money.zero, below = Money.zero
        for band in self.overspend where overspend > below {
            let end = band.upTo.map { min(overspend, $0.apply(to: budget)) } ?? overspend
            if end > below { total = total + band.fundShare.apply(to: end - below) }
            below = max(below, end)
            if band.upTo == nil { break }
        }
        return total
    }

    /// The rating's share, `unrated` for none or a rating the scheme does not list.
    public func share(rating: String?) -> Ratio {
        rating.flatMap { ratings[$0] } ?? unrated
    }
}

extension BudgetYearEnd {
    /// Reads `budget.yearEnd`, reporting each problem with its path and value.
    /// - Parameter known: the ratings the scheme's performance assessment gives, `nil` if unknown.
    static func decode(_ fields: JSONFields, ratings known: [String]?, log: JSONProblemLog) -> BudgetYearEnd? {
        let before = log.problems.count
        func share(_ fields: JSONFields, _ key: String) -> Ratio? {
            guard let value = fields.object[key] else {
                log.report(fields.path.appending(key), "missing required field (a share from 0 to 1)")
                return nil
            }
            guard let share = Ratio(json: value) else {
                log.report(fields.path.appending(key), "\(value) is not a share from 0 to 1 with at most four decimals")
                return nil
            }
            return share
        }
        var bands: [OverspendBand] = []
        let elements = fields.array("overspend") ?? []
        for (index, (value, path)) in elements.enumerated() {
            guard let band = log.fields(of: value, at: path, accepting: ["upTo", "fundShare"]) else { continue }
            let fundShare = share(band, "fundShare")
            var upTo: Ratio?
            if band.has("upTo") {
                upTo = share(band, "upTo")
                if let upTo, index == elements.count - 1 {
                    log.report(path.appending("upTo"), "\(upTo.json) on the last band: the last band is the rest of the overspend, without upTo")
                } else if let upTo, let last = bands.last?.upTo, upTo.basisPoints <= last.basisPoints {
                    log.report(path.appending("upTo"), "\(upTo.json) is not above the band before's \(last.json): list the bands lowest first")
                } else if let upTo, upTo.basisPoints == 0 {
                    log.report(path.appending("upTo"), "0 is an empty band: a band ends above 0")
                }
            } else if index < elements.count - 1 {
                log.report(path, "every band but the last needs upTo, where it ends as a share of the budget")
            }
            if let fundShare { bands.append(OverspendBand(upTo: upTo, fundShare: fundShare)) }
        }
        if fields.has("overspend") && elements.isEmpty { log.report(fields.path.appending("overspend"), "give at least one band (the last without upTo)") }
        var minimumUse: Ratio?, surplusUpTo: Ratio?, retained: Ratio?
        if let surplus = fields.fields("surplus", accepting: ["minimumUse", "upTo", "retained"]) {
            minimumUse = share(surplus, "minimumUse")
            surplusUpTo = share(surplus, "upTo")
            retained = share(surplus, "retained")
        }
        var ratings: [String: Ratio] = [:]
        if case .object(let members)? = fields.object["ratings"] {
            for member in members {
                let path = fields.path.appending("ratings").appending(member.key)
                if let known, !known.contains(member.key) {
                    log.report(path, known.isEmpty ? "'\(member.key)': the scheme rates no institution (no supervision.assessment), so no rating has a share"
                                                   : "'\(member.key)' is not a rating of supervision.assessment.bands (\(known.joined(separator: ", ")))")
                }
                guard let value = Ratio(json: member.value) else {
                    log.report(path, "\(member.value) is not a share from 0 to 1 with at most four decimals")
                    continue
                }
                ratings[member.key] = value
            }
        } else if let value = fields.object["ratings"] {
            log.report(fields.path.appending("ratings"), "expected an object of rating → share, found \(value.typeName) \(value)")
        }
        let unrated = share(fields, "unrated")
        guard log.problems.count == before, let minimumUse, let surplusUpTo, let retained, let unrated else { return nil }
        return BudgetYearEnd(overspend: bands, surplusMinimumUse: minimumUse, surplusUpTo: surplusUpTo, surplusRetained: retained,
                             ratings: ratings, unrated: unrated)
    }
}
