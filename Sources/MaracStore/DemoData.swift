import Foundation
import GRDB
import MaracCore

/// Fills an empty database with realistic synthetic data: two years of
/// referrals in every band, repeats, joint and police-27 referrals, fortnightly
/// meetings with agendas, and actions open, done and overdue. The database is
/// marked as demo so fake people never mix with real ones.
public struct DemoData: Sendable {

    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    /// Referrals and meetings already in the database: demo fills only an empty one.
    package static func recordCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM referral) + (SELECT COUNT(*) FROM meeting)") ?? 0
    }

    /// Marks the database as demo and fills it, in the caller's transaction.
    /// The use case checks first that it is empty, and records the fill.
    /// `created` is handed each batch of new referrals as it is written, for
    /// the use case's audit rows.
    package func fill(_ db: Database, seed: UInt64, size: DemoSize, by actor: Actor,
                      created: ([ImportBulk.Created]) throws -> Void) throws -> (referrals: Int, meetings: Int, actions: Int) {
        let today = clock.today
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, 'demo') ON CONFLICT (key) DO UPDATE SET value = 'demo'",
                       arguments: [Settings.dataset])
        var generator = SeededGenerator(seed: seed)
        let counts = try Self.withIndexesBuiltAfter(db) {
            try BulkWriteCache.with(db) { try generate(db, today: today, size: size, generator: &generator, actor: actor, created: created) }
        }
        return (referrals: counts.0, meetings: counts.1, actions: counts.2)
    }

    /// The tables demo fills, and the indexes on them it reads as it writes.
    static let filledTables = ["person", "person_alias", "referral", "child", "agenda_item", "action", "audit", "person_search"]
    static let indexesReadWhileFilling: Set<String> = ["person_by_identity", "referral_by_victim"]

    /// Fills the tables with their other indexes dropped, then builds those
    /// indexes once from the sorted rows (issue 11). Demo fills an empty
    /// database, so there is nothing to keep in order meanwhile, and building
    /// an index at the end costs far less than keeping it up to date through
    /// a hundred thousand referrals and their actions (one insert into each
    /// of up to ten indexes per row). Each index is built again from its own
    /// CREATE statement as the schema holds it, so the schema afterwards is
    /// the reviewed one (`DemoIndexTests`); DDL is transactional in SQLite, so
    /// a fill that fails leaves the indexes as they were. Unique constraints
    /// (SQLite's automatic indexes) stay: they are rules, not just speed.
    static func withIndexesBuiltAfter<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let deferred = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM main.sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(databaseQuestionMarks(count: filledTables.count)))
            ORDER BY name
            """, arguments: StatementArguments(filledTables))
            .map { (name: $0["name"] as String, sql: $0["sql"] as String) }
            .filter { !indexesReadWhileFilling.contains($0.name) }
        for index in deferred { try db.execute(sql: "DROP INDEX main.\"\(index.name)\"") }
        let result = try body()
        for index in deferred { try db.execute(sql: index.sql) }
        return result
    }

    /// Referral dates jitter by up to this many days, so a repeat of a pair can
    /// fall that much before the pair's first referral.
    static let dateJitter = 2

    /// A new victim's date of birth: `daysOld` before the referral, but at
    /// least 16 years and a week (Core refuses a younger victim). Clamped
    /// rather than drawn again, so the generator's sequence is unchanged; the
    /// week covers a repeat dated a day or two before the first referral.
    static func victimBirthDay(referredOn: Day, daysOld: Int) -> Day {
        min(referredOn.adding(days: -daysOld), referredOn.adding(months: -SecondLook.minimumVictimAge * 12).adding(days: -7))
    }

    private struct Pair: Sendable {
        var victim: PersonInput
        var perpetrator: PersonInput
        var children: Int
        var lastReferred: Day
    }

    private func generate(_ db: Database, today: Day, size: DemoSize, generator g: inout SeededGenerator, actor: Actor,
                          created: ([ImportBulk.Created]) throws -> Void) throws -> (Int, Int, Int) {
        let start = today.adding(months: -24)
        // Fortnightly meetings, the last two still to come.
        var meetingDays: [Day] = []
        var day = start.adding(days: 14)
        while day <= today.adding(days: 28) { meetingDays.append(day); day = day.adding(days: 14) }
        // Each meeting with its id, so a case's journey carries the meeting it goes to.
        var meetings: [Meeting] = []
        let now = clock.timestamp
        for meeting in meetingDays {
            try db.execute(sql: "INSERT INTO meeting (held_on, status, confidentiality_signed, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [meeting.description, meeting < today ? "held" : "planned", meeting < today, now, actor.name])
            let id = db.lastInsertedRowID
            meetings.append(Meeting(day: meeting, id: id))
            if meeting < today {
                for agency in ["police", "idva", "childrens_social_care", "housing", "acute_health", "probation"] where g.chance(0.9) {
                    try db.execute(sql: "INSERT INTO attendance (meeting_id, agency, signed_confidentiality) VALUES (?, ?, 1)",
                                   arguments: [id, agency])
                }
            }
        }

        let bulk = ImportBulk(clock: clock, actor: actor)
        let searchRowsBefore = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM person_search") ?? 0
        try bulk.createStaging(db)
        defer { try? bulk.dropStaging(db) }
        var plans: [Plan] = []
        var referralCount = 0, actionCount = 0
        var positions: [Int64: Int] = [:]
        // The staged referrals, then each one's journey in the same order; every
        // 10,000 referrals, so memory holds one batch of plans.
        func flush() throws {
            guard !plans.isEmpty else { return }
            let firstID = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM referral") ?? 0) + 1
            _ = try bulk.write(db, fullText: false, created: created)
            try bulk.clearStaging(db)
            let insertAction = try db.cachedStatement(sql: """
                INSERT INTO action (referral_id, meeting_id, agency, owner, description, due_on, status, completion_note,
                    incomplete_reason, closed_on, created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let written = now.databaseValue, by = actor.name.databaseValue
            for (offset, plan) in plans.enumerated() {
                let id = firstID + Int64(offset)
                switch plan.journey {
                case .waiting(let listedAt):
                    if let next = listedAt { try list(db, id, next.id, &positions) }
                case .declined(let reason):
                    try RawBinding.execute(db.cachedStatement(sql: "UPDATE referral SET status = 'declined', decline_reason = ? WHERE id = ?"),
                                           [reason.databaseValue, id.databaseValue], db)
                case .listed(let meeting):
                    try list(db, id, meeting.id, &positions)
                case .heard(let meeting):
                    let meetingID = meeting.id
                    // Written heard (date and final status) with the referral; its agenda item heard too.
                    try list(db, id, meetingID, &positions, heard: true)
                    for action in plan.actions {
                        try RawBinding.execute(insertAction, [id.databaseValue, meetingID.databaseValue, action.agency.databaseValue,
                                                              action.owner.databaseValue, action.text.databaseValue,
                                                              action.due.description.databaseValue, action.status.databaseValue,
                                                              action.note?.databaseValue ?? .null, action.reason?.databaseValue ?? .null,
                                                              action.closed?.databaseValue ?? .null, written, by, written, by], db)
                        actionCount += 1
                    }
                }
            }
            plans.removeAll(keepingCapacity: true)
        }
        let total = size.referralsPerYear * 2
        // The referrals are drawn, checked and given their staging values on
        // a second thread (Handover), in the same order and with the same
        // draws as ever, while this thread writes them and their journeys. It
        // may draw a whole write batch ahead, so it goes on while one is written.
        try Handover.run(depth: Self.batch / Handover.batchSize + 1, produce: { [g, meetings] emit in
            var g = g
            try draw(&g, today: today, start: start, total: total, meetings: meetings, actor: actor, bulk: bulk, emit: emit)
        }, consume: { (drawn: DrawnReferral) in
            try bulk.stage(db, drawn.staged)
            referralCount += 1
            plans.append(drawn.plan)
            if plans.count == Self.batch { try flush() }
        })

        try flush()
        // Every name's full-text row, in one statement (ImportBulk.fillFullText).
        try ImportBulk.fillFullText(db, after: searchRowsBefore)
        return (referralCount, meetingDays.count, actionCount)
    }

    /// Draws every referral in date order with its journey, checks it and
    /// works out its staging values, and hands each to `emit`. No database:
    /// it runs on the drawing thread.
    private func draw(_ g: inout SeededGenerator, today: Day, start: Day, total: Int, meetings: [Meeting], actor: Actor,
                      bulk: ImportBulk, emit: (DrawnReferral) throws -> Void) throws {
        var pairs: [Pair] = []
        var drawn = 0
        let routes = ReferralRoute.allCases
        for index in 0..<total {
            let referredOn = start.adding(days: index * start.days(until: today) / total + g.int(0...Self.dateJitter))
            if referredOn > today { continue }
            // About a third are new incidents for a victim already known.
            var pair: Pair
            // Pairs are added in date order, so the recent ones are at the end.
            let recent = pairs.indices.suffix(80).filter { pairs[$0].lastReferred >= referredOn.adding(months: -14) }
            if !recent.isEmpty, g.chance(0.3) {
                let i = g.pick(recent)
                pairs[i].lastReferred = referredOn
                pair = pairs[i]
            } else {
                let male = g.chance(0.064)
                var victim = PersonInput(name: "\(g.pick(male ? DemoNames.maleGiven : DemoNames.femaleGiven)) \(g.pick(DemoNames.surnames))",
                                         dob: Self.victimBirthDay(referredOn: referredOn, daysOld: g.int(16 * 365...70 * 365)))
                victim.gender = male ? .male : .female
                victim.ethnicity = g.pick([.white, .white, .white, .white, .asian, .black, .mixed, .other, .unknown])
                victim.disability = g.chance(0.1) ? .yes : g.pick([.no, .unknown])
                victim.lgbt = g.chance(0.02) ? .yes : g.pick([.no, .unknown])
                victim.postcode = try? Postcode(validating: "\(g.pick(DemoNames.districts)) \(g.int(1...9))\(g.pick(["AB", "DE", "HJ", "NP", "RT", "UW"]))", field: "victim_postcode")
                var perpetrator = PersonInput(name: "\(g.pick(male ? DemoNames.femaleGiven : DemoNames.maleGiven)) \(g.pick(DemoNames.surnames))",
                                              dob: referredOn.adding(days: -g.int(17 * 365...65 * 365)))
                perpetrator.gender = male ? .female : .male
                pair = Pair(victim: victim, perpetrator: perpetrator, children: g.chance(0.55) ? g.int(1...4) : 0, lastReferred: referredOn)
                pairs.append(pair)
            }

            var fields: [String: String] = [
                "referral_ref": String(format: "DEMO-%d-%05d", referredOn.year, index + 1),
                "referred_on": referredOn.description,
                "referring_agency": g.chance(0.6) ? "police" : g.pick(routes).rawValue,
                "children_in_household": String(pair.children),
            ]
            if g.chance(0.06) { fields["second_agency"] = fields["referring_agency"] == "idva" ? "housing" : "idva" }
            // Every band, police-27 scores, and some with no checklist at all.
            let bandRoll = g.int(0...99)
            if bandRoll < 20 {
                // Checklist not completed.
            } else if fields["referring_agency"] == "police", g.chance(0.5) {
                fields["ric_version"] = "police-27"
                fields["ric_score"] = String(bandRoll < 60 ? g.int(14...22) : g.int(6...13))
            } else {
                let yes = bandRoll < 60 ? g.int(14...21) : bandRoll < 85 ? g.int(10...13) : g.int(3...9)
                var letters = Array(repeating: "Y", count: yes) + (0..<(24 - yes)).map { _ in g.pick(["N", "N", "N", "D", "-"]) }
                letters.shuffle(using: &g)
                fields["ric_answers"] = letters.joined()
            }
            let score = fields["ric_score"].flatMap(Int.init) ?? fields["ric_answers"].map { $0.filter { $0 == "Y" }.count }
            if (score ?? 0) < 14, g.chance(0.5) {
                fields["criteria"] = "professional_judgement"
                fields["professional_judgement_reason"] = g.pick(["Victim extremely frightened; recent threats to family abroad",
                                                                  "Language barrier and insecure immigration status",
                                                                  "Honour-based violence indicators"])
            }
            if g.chance(0.25) { fields["police_incidents_12m"] = String(g.int(3...7)) }
            fields["victim_name"] = pair.victim.name
            fields["victim_dob"] = pair.victim.dob?.description
            fields["victim_gender"] = pair.victim.gender.rawValue
            fields["victim_ethnicity"] = pair.victim.ethnicity.rawValue
            fields["victim_disability"] = pair.victim.disability.rawValue
            fields["victim_lgbt"] = pair.victim.lgbt.rawValue
            fields["victim_postcode"] = pair.victim.postcode?.description
            fields["perpetrator_name"] = pair.perpetrator.name
            fields["perpetrator_dob"] = pair.perpetrator.dob?.description
            fields["perpetrator_gender"] = pair.perpetrator.gender.rawValue
            fields["consent"] = g.pick(["given", "given", "not_sought"])
            // Decided when the referral was made (the same seed gives the same data, to the second).
            fields["consent_decided_by"] = actor.name
            fields["consent_decided_at"] = "\(referredOn)T10:00:00Z"
            if fields["consent"] == "not_sought" {
                // Shared without asking: the reason and basis a coordinator records (no extra draw, so a seed's people stay the same).
                fields["sharing_reason"] = SharingReason.highRiskOfSeriousHarm.rawValue
                fields["lawful_basis"] = LawfulBasis.seeded.code
            }
            // Safety flags on some cases, from the index: the generator's sequence,
            // and so every other demo value, stays as it was.
            if index % 7 == 3 { fields[SafetyFlags.safeToCall] = "no" } else if index % 7 == 0 { fields[SafetyFlags.safeToCall] = "yes" }
            if index % 11 == 5 { fields[SafetyFlags.doNotContactAtHome] = "yes" }
            if index % 9 == 4 { fields[SafetyFlags.perpetratorUnaware] = "yes" }
            if index % 17 == 8 { fields[SafetyFlags.interpreterLanguage] = ["Polish", "Urdu", "Romanian", "Tigrinya"][index / 17 % 4] }
            // Its journey: declined, waiting for triage, listed, or heard with
            // actions. Decided before the referral is written (the draws are in
            // the same order as ever, so a seed's data is unchanged) so that a
            // heard case is written heard, not written and then updated twice.
            let journey: Journey
            if let first = meetings.first(where: { $0.day >= referredOn.adding(days: 7) }), referredOn < today.adding(days: -21) {
                journey = g.chance(0.1) ? .declined(reason: g.pick(DemoNames.declineReasons)) : first.day >= today ? .listed(first) : .heard(first)
            } else {
                journey = .waiting(listedAt: g.chance(0.3) ? meetings.first(where: { $0.day >= today }) : nil)
            }
            if case .heard(let meeting) = journey { fields["heard_on"] = meeting.day.description }
            // The referral is staged and written with the others, set-based, as
            // an import's are (ImportBulk); its journey is drawn now (the draws in
            // the same order as ever) and written after.
            drawn += 1
            var staged = try bulk.prepare(line: drawn, try ReferralInput.validate(fields, today: today))
            var actions: [PlannedAction] = []
            if case .heard(let meeting) = journey {
                for _ in 0..<g.int(1...3) {
                    let due = meeting.day.adding(days: g.int(7...42))
                    var action = PlannedAction(due: due)
                    if due < today {
                        let roll = g.int(0...99)
                        if roll < 75 { action.status = "done"; action.note = "Completed and confirmed with the IDVA"; action.closed = min(due, today).description }
                        else if roll < 85 { action.status = "incomplete"; action.reason = "Victim could not be contacted safely"; action.closed = due.description }
                    }
                    action.agency = g.pick(["police", "idva", "childrens_social_care", "housing", "acute_health", "probation"])
                    action.owner = g.pick(DemoNames.owners)
                    action.text = g.pick(DemoNames.actionTexts)
                    actions.append(action)
                }
            }
            // Written with the status its journey ends in (listed, or heard with
            // its actions open or all closed), not written and then updated:
            // a declined case is still declined after, with its reason.
            switch journey {
            case .waiting(listedAt: .some), .listed: staged.setStatus(.listed)
            case .heard: staged.setStatus(actions.contains { $0.status == "open" } ? .actionsOpen : .closed)
            case .waiting(listedAt: nil), .declined: break
            }
            try emit(DrawnReferral(staged: staged, plan: Plan(journey: journey, actions: actions)))
        }
    }

    /// Referrals written together: the staged rows, then their journeys.
    static let batch = 10_000

    /// A referral as the drawing thread hands it over: its staging values and its journey.
    private struct DrawnReferral: Sendable {
        let staged: ImportBulk.StagedReferral
        let plan: Plan
    }

    /// A referral's journey, drawn with it: declined, waiting for triage, listed, or heard with actions.
    private enum Journey: Sendable { case waiting(listedAt: Meeting?), declined(reason: String), listed(Meeting), heard(Meeting) }

    private struct Meeting: Sendable {
        let day: Day
        let id: Int64
    }

    private struct PlannedAction: Sendable {
        var due: Day
        var status = "open", note: String? = nil, reason: String? = nil, closed: String? = nil
        var agency = "", owner = "", text = ""
    }

    private struct Plan: Sendable {
        var journey: Journey
        var actions: [PlannedAction]
    }

    /// Puts a case on a meeting's agenda (the referral is written with its status).
    private func list(_ db: Database, _ referralID: Int64, _ meetingID: Int64, _ positions: inout [Int64: Int],
                      heard: Bool = false) throws {
        let position = positions[meetingID, default: 0] + 1
        positions[meetingID] = position
        try RawBinding.execute(db.cachedStatement(sql: "INSERT INTO agenda_item (meeting_id, referral_id, position, heard) VALUES (?, ?, ?, ?)"),
                               [meetingID.databaseValue, referralID.databaseValue, position.databaseValue, heard.databaseValue], db)
    }
}
