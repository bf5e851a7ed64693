import Foundation
import GRDB
import MaracCore

/// Everything held about one person, for a subject access request: the
/// person's record, every referral naming them, what was shared about those
/// cases at meetings and what agencies' research returned, the actions on them, and who read their record (the
/// access log). Third parties are redacted (`SubjectAccess` in Core says who
/// they are). Read inside the caller's transaction.
public struct SubjectAccessService: Sendable {
    package init() {}

    /// At most this many referrals and access rows: a person has a handful
    /// of referrals; a long-watched record has many reads, all kept.
    static let limit = 10_000

    /// The report on person `personID`; nil when there is no such person.
    package func report(_ db: Database, personID: Int64) throws -> SubjectAccessReport? {
        guard let person = try PersonRecord.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [personID]) else {
            return nil
        }
        let requester = person.role
        let aliases = try String.fetchAll(db, sql: "SELECT name FROM person_alias WHERE person_id = ? ORDER BY id LIMIT 100", arguments: [personID])
        let column = requester == .perpetrator ? "perpetrator_id" : "victim_id"
        let records = try ReferralRecord.fetchAll(db, sql: "SELECT * FROM referral WHERE \(column) = ? ORDER BY referred_on, id LIMIT ?",
                                                  arguments: [personID, Self.limit])
        // Names of the third parties in these cases, to blank out of free text too.
        var thirdPartyNames: [String] = []
        var cases: [SubjectAccessReport.Case] = []
        for record in records {
            let otherID = requester == .perpetrator ? record.victimID : record.perpetratorID
            if let otherID {
                thirdPartyNames += try String.fetchAll(db, sql: "SELECT name FROM person WHERE id = ?", arguments: [otherID])
                thirdPartyNames += try String.fetchAll(db, sql: "SELECT name FROM person_alias WHERE person_id = ? LIMIT 100", arguments: [otherID])
            }
            let children = try Row.fetchAll(db, sql: "SELECT name, dob, lives_with FROM child WHERE referral_id = ? ORDER BY id LIMIT 50",
                                            arguments: [record.id]).map { row in
                let r = RecordReader(row, table: "child")
                return ChildInput(name: try r.value("name"), dob: try r.optionalDay("dob"), livesWith: try r.value("lives_with"))
            }
            let entries = try SharedEntries.ofReferral(db, referralID: record.id)
            let shared = try Row.fetchAll(db, sql: """
                SELECT m.held_on, i.heard FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                WHERE i.referral_id = ? ORDER BY m.held_on
                """, arguments: [record.id]).map { row in
                let r = RecordReader(row, table: "agenda_item")
                let meeting = try r.day("held_on")
                return SubjectAccessReport.Listing(meeting: meeting, heard: try r.value("heard"),
                                                   informationShared: SharedEntry.text(entries.filter { $0.meeting == meeting }))
            }
            let research = try Row.fetchAll(db, sql: """
                SELECT m.held_on, r.agency, r.known, r.summary, r.current_risks, r.returned_on
                FROM research_return r JOIN meeting m ON m.id = r.meeting_id
                WHERE r.referral_id = ? ORDER BY m.held_on, r.agency, r.id LIMIT 500
                """, arguments: [record.id]).map { row in
                let r = RecordReader(row, table: "research_return")
                return SubjectAccessReport.Research(meeting: try r.day("held_on"), agency: try r.value("agency"), known: try r.value("known"),
                                                    summary: try r.value("summary"), currentRisks: try r.value("current_risks"),
                                                    returnedOn: try r.value("returned_on"))
            }
            let actions = try ActionRecord.fetchAll(db, sql: """
                SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins) WHERE a.referral_id = ? ORDER BY a.due_on, a.id
                """, arguments: [record.id])
            cases.append(.init(referral: record, children: children, listings: shared, research: research, actions: actions))
        }
        let referralIDs = records.map(\.id)
        // Who read this person's record: reads naming them, and reads of their referrals.
        let placeholders = referralIDs.isEmpty ? "NULL" : referralIDs.map { _ in "?" }.joined(separator: ", ")
        let reads = try Row.fetchAll(db, sql: """
            SELECT a.id, a.at, a.actor, a.use_case, a.kind FROM access a
            WHERE a.id IN (SELECT access_id FROM access_person WHERE person_id = ?)
               OR a.id IN (SELECT access_id FROM access_referral WHERE referral_id IN (\(placeholders)))
            ORDER BY a.id LIMIT ?
            """, arguments: StatementArguments([personID] + referralIDs + [Int64(Self.limit)])).map { row in
            let r = RecordReader(row, table: "access")
            return SubjectAccessReport.Read(at: try r.value("at"), actor: try r.value("actor"), useCase: try r.value("use_case"),
                                            kind: try r.value("kind"))
        }
        return SubjectAccessReport(person: person, aliases: aliases, cases: cases, reads: reads,
                                   thirdPartyNames: Array(Set(thirdPartyNames)).filter { $0 != Retention.purgedMarker })
    }
}

