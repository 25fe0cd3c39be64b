import LTCCore

/// An in-patient stay in hospital: home care is not owed on the days between
/// admission and discharge (the fund pays the hospital; 《关于扩大长期护理保险
/// 制度试点的指导意见》 excludes care the medical insurance pays). The days of
/// admission and discharge themselves may hold a visit before or after, so
/// only the days strictly between them count (ltc's choice, docs/supervision.md).
public struct InpatientStay: Sendable, Equatable {
    public var id: Int
    public var person: Int
    public var hospital: String
    public var admitted: CalendarDate
    public var discharged: CalendarDate
    public var recordedOn: CalendarDate

    public init(id: Int = 0, person: Int, hospital: String, admitted: CalendarDate, discharged: CalendarDate, recordedOn: CalendarDate) {
        self.id = id
        self.person = person
        self.hospital = hospital
        self.admitted = admitted
        self.discharged = discharged
        self.recordedOn = recordedOn
    }

    public var json: JSONValue {
        ["id": .integer(id), "person": .integer(person), "hospital": .string(hospital), "admitted": .string(admitted.description),
         "discharged": .string(discharged.description), "recordedOn": .string(recordedOn.description)]
    }
}

/// What importing a file of stays did: the stays stored, and what was
/// recovered for services of settled months on their days.
public struct StayImport: Sendable, Equatable {
    public var stays: [InpatientStay]
    /// The adjustments taking back what settled months paid, one per log.
    public var recoveries: [SettlementAdjustment]

    public init(stays: [InpatientStay], recoveries: [SettlementAdjustment]) {
        self.stays = stays
        self.recoveries = recoveries
    }
}
