import GRDB
import MaracCore

/// Writes an import's new referrals set-based (issue 11): each checked row is
/// staged in temporary tables as it is read (three or four cheap inserts a
/// row), then people, aliases, search rows, referrals with their figures
/// snapshot and children are written by a few `INSERT … SELECT`
/// statements, and repeats worked out once per victim. The result is the
/// database that adding the rows one at a time (the use case's `ReferralWriter.add`)
/// gives: the same people with the same ids, each referral's snapshot of its
/// victim as of that row, and the created referrals handed back in the same
/// order for their audit rows (the caller writes them).
/// `ImportBulkTests` imports random files both ways and compares every table.
/// Checks nothing: the caller asks `firstUnknownLawfulBasis` before `write`.
/// Runs inside the import's one transaction; the staging tables are dropped
/// at the end whether it succeeds or not.
package struct ImportBulk: Sendable {
    let actor: Actor
    let now: String
    /// The MARAC's `dara-high` setting, read once in the import's transaction.
    let daraHigh: DaraHighRule

    package init(clock: Clock, actor: Actor, daraHigh: DaraHighRule = .default) {
        self.actor = actor
        self.now = clock.timestamp
        self.daraHigh = daraHigh
    }

    /// A larger page cache for the length of one long write (`BulkWriteCache`).
    package static func withLargeCache<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try BulkWriteCache.with(db, body)
    }

    /// The referral columns staged under the names `ReferralRows.values` gives.
    static let rowColumns = ["ref", "referred_on", "referring_agency", "second_agency", "referrer", "relationship", "children",
                             "ric_version", "ric_answers", "ric_score", "risk_band", "criteria", "reason", "incidents", "consent",
                             "consent_note", "sharing_reason", "lawful_basis", "decided_by", "decided_at", "status", "heard_on"]

    static var plainColumns: [String] { ReferralField.plain.map(\.column) }

    package func createStaging(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE import_row (line INTEGER PRIMARY KEY, \((Self.rowColumns + Self.plainColumns.map { "plain_\($0)" }).joined(separator: ", ")));
            CREATE TEMP TABLE import_person (
                line INTEGER NOT NULL, slot INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL, dob TEXT,
                gender TEXT NOT NULL, ethnicity TEXT NOT NULL, disability TEXT NOT NULL, lgbt TEXT NOT NULL,
                postcode TEXT, district TEXT, folded TEXT NOT NULL, person_id INTEGER, created INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (line, slot)) WITHOUT ROWID;
            CREATE TEMP TABLE import_alias (line INTEGER NOT NULL, slot INTEGER NOT NULL, position INTEGER NOT NULL,
                name TEXT NOT NULL, name_key TEXT NOT NULL, folded TEXT NOT NULL, PRIMARY KEY (line, slot, position)) WITHOUT ROWID;
            CREATE TEMP TABLE import_child (ordinal INTEGER PRIMARY KEY, line INTEGER NOT NULL, name TEXT NOT NULL, dob TEXT,
                lives_with TEXT, folded TEXT NOT NULL);
            """)
    }

    /// Empties the staging tables for the next batch (demo writes in batches).
    package func clearStaging(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM temp.import_row; DELETE FROM temp.import_person; DELETE FROM temp.import_alias; DELETE FROM temp.import_child;
            DROP INDEX IF EXISTS temp.import_person_by_identity; DROP INDEX IF EXISTS temp.import_person_by_person;
            """)
    }

    package func dropStaging(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE IF EXISTS temp.import_row; DROP TABLE IF EXISTS temp.import_person; DROP TABLE IF EXISTS temp.import_alias; DROP TABLE IF EXISTS temp.import_child")
    }

    /// One checked row's values for the staging tables, worked out away from
    /// the database (`prepare`, on the import's checking thread), bound by `stage`.
    package struct StagedReferral: Sendable {
        var row: [DatabaseValue]
        var people: [[DatabaseValue]]
        var aliases: [[DatabaseValue]]
        var children: [[DatabaseValue]]

        /// Writes the referral with this status (the demo writes a case
        /// with the status its journey ends in).
        mutating func setStatus(_ status: ReferralStatus) {
            if let slot = Self.statusSlot { row[slot] = status.rawValue.databaseValue }
        }
        /// The line comes first, then the referral columns.
        private static let statusSlot = ImportBulk.rowColumns.firstIndex(of: "status").map { $0 + 1 }
    }

    /// The staging rows for one checked row: pure, no database. Throws
    /// Core's `ValidationFailure` when its criteria cannot be assessed.
    package func prepare(line: Int, _ input: ReferralInput) throws -> StagedReferral {
        let values = try ReferralRows.values(input, by: actor, now: now, daraHigh: daraHigh)
        var row: [DatabaseValue] = [line.databaseValue]
        row.reserveCapacity(1 + Self.rowColumns.count + Self.plainColumns.count)
        for column in Self.rowColumns { row.append((values[column] ?? nil)?.databaseValue ?? .null) }
        for column in Self.plainColumns { row.append(input.plain[column]?.databaseValue ?? .null) }
        var staged = StagedReferral(row: row, people: [], aliases: [], children: [])
        prepare(&staged, line: line, slot: 0, input.victim, role: .victim)
        if let perpetrator = input.perpetrator { prepare(&staged, line: line, slot: 1, perpetrator, role: .perpetrator) }
        for c in input.children {
            staged.children.append([line.databaseValue, c.name.databaseValue, c.dob?.description.databaseValue ?? .null,
                                    c.livesWith?.databaseValue ?? .null, NameFolding.fold(c.name).databaseValue])
        }
        return staged
    }

    private func prepare(_ staged: inout StagedReferral, line: Int, slot: Int, _ person: PersonInput, role: PersonRole) {
        let key = person.identity
        func value(_ text: String?) -> DatabaseValue { text?.databaseValue ?? .null }
        staged.people.append([line.databaseValue, slot.databaseValue, role.rawValue.databaseValue, person.name.databaseValue,
                              key.name.databaseValue, value(key.dob?.description), person.gender.rawValue.databaseValue,
                              person.ethnicity.rawValue.databaseValue, person.disability.rawValue.databaseValue,
                              person.lgbt.rawValue.databaseValue, value(person.postcode?.description),
                              value(person.postcode?.district), NameFolding.fold(person.name).databaseValue])
        for (position, name) in person.aliases.enumerated() {
            staged.aliases.append([line.databaseValue, slot.databaseValue, position.databaseValue, name.databaseValue,
                                   IdentityKey.normalise(name).databaseValue, NameFolding.fold(name).databaseValue])
        }
    }

    /// Binds one prepared row into the staging tables (cached statements).
    package func stage(_ db: Database, _ staged: StagedReferral) throws {
        try db.cachedStatement(sql: "INSERT INTO import_row VALUES (?\(String(repeating: ", ?", count: staged.row.count - 1)))")
            .stage(staged.row, db)
        let person = try db.cachedStatement(sql: """
            INSERT INTO import_person (line, slot, role, name, name_key, dob, gender, ethnicity, disability, lgbt, postcode, district, folded)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for values in staged.people { try person.stage(values, db) }
        if !staged.aliases.isEmpty {
            let alias = try db.cachedStatement(sql: "INSERT OR IGNORE INTO import_alias (line, slot, position, name, name_key, folded) VALUES (?, ?, ?, ?, ?, ?)")
            for values in staged.aliases { try alias.stage(values, db) }
        }
        if !staged.children.isEmpty {
            let child = try db.cachedStatement(sql: "INSERT INTO import_child (line, name, dob, lives_with, folded) VALUES (?, ?, ?, ?, ?)")
            for values in staged.children { try child.stage(values, db) }
        }
    }

    /// The full-text rows of the search rows after `lastSearch`, in one
    /// statement: FTS5 writes a segment per statement and merges them later,
    /// so the demo's ten batches filled in one go at the end take 0.9 s, not
    /// 1.6 s (docs/benchmarks.md).
    package static func fillFullText(_ db: Database, after lastSearch: Int64) throws {
        try db.execute(sql: "INSERT INTO main.person_search_text (rowid, folded) SELECT id, folded FROM main.person_search WHERE id > ?",
                       arguments: [lastSearch])
    }

    /// The first staged row (by line) naming a lawful basis that is not on
    /// this MARAC's list, as adding the rows one by one would stop there; nil
    /// when every basis named is known.
    package func firstUnknownLawfulBasis(_ db: Database) throws -> (line: Int, code: String)? {
        try Row.fetchOne(db, sql: """
            SELECT line, lawful_basis FROM import_row WHERE lawful_basis IS NOT NULL
              AND lawful_basis NOT IN (SELECT code FROM lawful_basis) ORDER BY line LIMIT 1
            """).map { row in
            let r = RecordReader(row, table: "import_row")
            return (line: try r.value("line"), code: try r.value("lawful_basis"))
        }
    }

    /// A referral `write` added: its id, band and status as written.
    package typealias Created = (id: Int64, band: String, status: String)

    /// Writes every staged row; returns how many referrals were added. The
    /// added referrals are handed to `created` in id order, a thousand at a
    /// time (read through a cursor, never all in memory), after the full-text
    /// rows and before repeats are worked out. With `fullText` false the
    /// caller fills the full-text rows itself (`fillFullText`) before its
    /// transaction ends (the demo, once for all its batches).
    package func write(_ db: Database, fullText: Bool = true, created: ([Created]) throws -> Void) throws -> Int {
        guard let marks = try Row.fetchOne(db, sql: """
            SELECT (SELECT COALESCE(MAX(id), 0) FROM person), (SELECT COALESCE(MAX(id), 0) FROM person_search),
                   (SELECT COALESCE(MAX(id), 0) FROM referral), (SELECT COALESCE(MAX(id), 0) FROM child),
                   (SELECT COALESCE(MAX(id), 0) FROM person_alias)
            """) else { throw StoreError.engine("the import could not read where the new rows start; nothing was written") }
        let lastSearch: Int64 = marks[1], lastReferral: Int64 = marks[2], lastChild: Int64 = marks[3], lastAlias: Int64 = marks[4]

        // People. Each occurrence finds its person as ReferralPeople does
        // (a person merged into another as the one kept)
        // (same statement shape); the first occurrence of someone not yet
        // known adds them with its own details, in file order, so ids come
        // out as they would row by row.
        try db.execute(sql: """
            CREATE INDEX temp.import_person_by_identity ON import_person (role, name_key, dob, line, slot);
            UPDATE import_person SET person_id = (SELECT COALESCE(p.merged_into, p.id) FROM main.person p WHERE p.role = import_person.role
                AND p.name_key = import_person.name_key AND p.dob IS import_person.dob LIMIT 1);
            UPDATE import_person SET created = 1 WHERE person_id IS NULL AND NOT EXISTS (
                SELECT 1 FROM import_person e WHERE e.role = import_person.role AND e.name_key = import_person.name_key
                  AND e.dob IS import_person.dob AND (e.line < import_person.line OR (e.line = import_person.line AND e.slot < import_person.slot)));
            INSERT INTO main.person (role, name, name_key, dob, gender, ethnicity, disability, lgbt, postcode, postcode_district)
            SELECT role, name, name_key, dob, gender, ethnicity, disability, lgbt, postcode, district
            FROM import_person WHERE created = 1 ORDER BY line, slot;
            UPDATE import_person SET person_id = (SELECT COALESCE(p.merged_into, p.id) FROM main.person p WHERE p.role = import_person.role
                AND p.name_key = import_person.name_key AND p.dob IS import_person.dob LIMIT 1) WHERE person_id IS NULL;
            CREATE INDEX temp.import_person_by_person ON import_person (person_id, line, slot);
            """)
        // Aliases, each person's in file order; one already on record is kept as it was.
        try db.execute(sql: """
            INSERT INTO main.person_alias (person_id, name, name_key)
            SELECT p.person_id, a.name, a.name_key FROM import_alias a JOIN import_person p ON p.line = a.line AND p.slot = a.slot
            WHERE true ORDER BY a.line, a.slot, a.position
            ON CONFLICT (person_id, name_key) DO NOTHING
            """)

        // Each referral with its figures snapshot: its victim as known at that
        // row (the last detail given by this or an earlier row, else what was
        // on record), as the per-row UPDATE of the person and then of the
        // referral would have left it.
        func asOf(_ column: String, unknown: String) -> String {
            """
            COALESCE((SELECT o.\(column) FROM import_person o WHERE o.person_id = v.person_id AND o.line <= s.line
                      AND o.\(column) \(unknown) ORDER BY o.line DESC LIMIT 1), vp.\(column == "district" ? "postcode_district" : column))
            """
        }
        let referralColumns = """
            ref, referred_on, referring_agency, second_agency, referrer, victim_id, perpetrator_id, relationship, children_in_household,
            ric_version, ric_answers, ric_score, risk_band, criteria, professional_judgement_reason, police_incidents_12m, consent,
            consent_note, sharing_reason, lawful_basis, consent_decided_by, consent_decided_at, status, heard_on,
            created_at, created_by, updated_at, updated_by, \(Self.plainColumns.joined(separator: ", ")),
            victim_age, victim_district, victim_gender, victim_ethnicity, victim_disability, victim_lgbt, perpetrator_age
            """
        try db.execute(sql: """
            INSERT INTO main.referral (\(referralColumns))
            SELECT s.ref, s.referred_on, s.referring_agency, s.second_agency, s.referrer, v.person_id, p.person_id, s.relationship, s.children,
                s.ric_version, s.ric_answers, s.ric_score, s.risk_band, s.criteria, s.reason, s.incidents, s.consent,
                s.consent_note, s.sharing_reason, s.lawful_basis, s.decided_by, s.decided_at, s.status, s.heard_on,
                ?, ?, ?, ?, \(Self.plainColumns.map { "s.plain_\($0)" }.joined(separator: ", ")),
                CASE WHEN vp.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "vp.dob", on: "s.referred_on")) END,
                \(asOf("district", unknown: "IS NOT NULL")), \(asOf("gender", unknown: "<> 'unknown'")),
                \(asOf("ethnicity", unknown: "<> 'unknown'")), \(asOf("disability", unknown: "<> 'unknown'")),
                \(asOf("lgbt", unknown: "<> 'unknown'")),
                CASE WHEN pp.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "pp.dob", on: "s.referred_on")) END
            FROM import_row s
            JOIN import_person v ON v.line = s.line AND v.slot = 0
            JOIN main.person vp ON vp.id = v.person_id
            LEFT JOIN import_person p ON p.line = s.line AND p.slot = 1
            LEFT JOIN main.person pp ON pp.id = p.person_id
            ORDER BY s.line
            """, arguments: [now, actor.name, now, actor.name])

        // Then the people's details: each gap filled by the last detail given,
        // never an earlier one erased (ReferralPeople's rule, over the file).
        func last(_ column: String, unknown: String) -> String {
            """
            COALESCE((SELECT o.\(column) FROM import_person o WHERE o.person_id = main.person.id AND o.\(column) \(unknown)
                      ORDER BY o.line DESC LIMIT 1), \(column == "district" ? "postcode_district" : column))
            """
        }
        try db.execute(sql: """
            UPDATE main.person SET gender = \(last("gender", unknown: "<> 'unknown'")), ethnicity = \(last("ethnicity", unknown: "<> 'unknown'")),
                disability = \(last("disability", unknown: "<> 'unknown'")), lgbt = \(last("lgbt", unknown: "<> 'unknown'")),
                postcode = \(last("postcode", unknown: "IS NOT NULL")), postcode_district = \(last("district", unknown: "IS NOT NULL"))
            WHERE id IN (SELECT person_id FROM import_person WHERE created = 0)
            """)

        // Children, in file order, on their referrals.
        try db.execute(sql: """
            INSERT INTO main.child (referral_id, name, dob, lives_with)
            SELECT r.id, c.name, c.dob, c.lives_with FROM import_child c JOIN import_row s ON s.line = c.line
            JOIN main.referral r ON r.ref = s.ref ORDER BY c.ordinal
            """)

        // The search index: new people's names, new aliases, children (each
        // folded by Core when staged), with their full-text rows.
        try db.execute(sql: """
            INSERT INTO main.person_search (person_id, source, folded)
            SELECT person_id, 'name', folded FROM import_person WHERE created = 1 AND folded <> '' ORDER BY person_id;
            INSERT INTO main.person_search (person_id, source, alias_id, folded)
            SELECT pa.person_id, 'alias', pa.id, (SELECT a.folded FROM import_alias a JOIN import_person p ON p.line = a.line AND p.slot = a.slot
                                                  WHERE p.person_id = pa.person_id AND a.name_key = pa.name_key ORDER BY a.line, a.slot, a.position LIMIT 1) AS f
            FROM main.person_alias pa WHERE pa.id > ? AND f <> '' ORDER BY pa.id;
            INSERT INTO main.person_search (person_id, source, child_id, folded)
            SELECT r.victim_id, 'child', ch.id, c.folded FROM main.child ch JOIN import_child c ON c.ordinal = ch.id - ?
            JOIN main.referral r ON r.id = ch.referral_id WHERE ch.id > ? AND c.folded <> '' ORDER BY ch.id;
            """, arguments: [lastAlias, lastChild, lastChild])
        if fullText { try Self.fillFullText(db, after: lastSearch) }

        // The added referrals, in order, for their audit rows; read through a
        // cursor and handed on a thousand at a time, never all in memory.
        let added = try Row.fetchCursor(db, sql: "SELECT id, risk_band, status FROM main.referral WHERE id > ? ORDER BY id", arguments: [lastReferral])
        var chunk: [Created] = []
        chunk.reserveCapacity(1_000)
        var count = 0
        while let row = try added.next() {
            // By position: a column looked up by name costs a case-blind compare, a hundred thousand times.
            chunk.append((id: row[0], band: row[1], status: row[2]))
            if chunk.count == 1_000 { try created(chunk); count += chunk.count; chunk.removeAll(keepingCapacity: true) }
        }
        try created(chunk)
        count += chunk.count

        // Repeats, once per victim who had referrals already or has several here.
        let victims = try Int64.fetchAll(db, sql: """
            SELECT person_id FROM import_person WHERE slot = 0 GROUP BY person_id HAVING COUNT(*) > 1 OR MAX(created) = 0
            """)
        for victim in victims { try ReferralRepeats.recompute(db, victimID: victim) }
        return count
    }
}

private extension Statement {
    func stage(_ values: [DatabaseValue], _ db: Database) throws { try RawBinding.execute(self, values, db) }
}
