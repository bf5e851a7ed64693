import Crypto
import Foundation
import GRDB
import GRDBSQLite
import MaracCore


extension AuditChain {

    /// Walks the whole chain in order, recomputing every hash. Reads with
    /// cursors and one pass per table, so a million rows take well under a
    /// second (docs/benchmarks.md).
    public static func verify(_ database: MaracDatabase, anchor: AuditAnchor? = nil) throws -> AuditVerification {
        try database.writer.read { db in try verify(db, anchor: anchor) }
    }

    /// The head of the chain, for `marac audit anchor`. It does not check the
    /// chain: verify first.
    public static func anchor(_ database: MaracDatabase) throws -> AuditAnchor {
        try database.writer.read { db in
            let head = try head(db)
            return AuditAnchor(hash: head.hash, count: head.seq)
        }
    }

    static func verify(_ db: Database, anchor: AuditAnchor?) throws -> AuditVerification {
        // Raw SQLite cursors: no Row, String or Data per column, so the walk is
        // bound by SQLite's scan and SHA-256, not by allocation.
        let audits = try RawCursor(db, "SELECT id, seq, at, actor, action, entity, entity_id, detail, hash FROM audit ORDER BY id")
        let accesses = try RawCursor(db, "SELECT id, seq, at, actor, use_case, kind, reason, hash FROM access ORDER BY id")
        var referrals = try ChildStream(db, sql: "SELECT access_id, referral_id FROM access_referral ORDER BY access_id, referral_id")
        var people = try ChildStream(db, sql: "SELECT access_id, person_id FROM access_person ORDER BY access_id, person_id")

        var hasAudit = try audits.step()
        var hasAccess = try accesses.step()
        var previous = [UInt8](genesis)
        var expected: Int64 = 1
        let encoder = Encoder(kind: auditKind)
        var referralIDs: [Int64] = [], personIDs: [Int64] = []
        let anchorHash = anchor.map { [UInt8]($0.hash) }
        var anchorMatched = anchor?.count == 0 ? anchorHash! == previous : nil

        func describeAudit() -> String {
            let entityID = audits.int(6)
            return "audit id \(audits.int(0) ?? 0), \(audits.text(2)), by \(audits.text(3)), \(audits.text(4)) \(audits.text(5))\(entityID.map { " \($0)" } ?? "")"
        }
        func describeAccess() -> String {
            "access id \(accesses.int(0) ?? 0), \(accesses.text(2)), by \(accesses.text(3)), \(accesses.text(4))"
        }

        while hasAudit || hasAccess {
            let auditSeq: Int64? = hasAudit ? audits.int(1) : nil
            let accessSeq: Int64? = hasAccess ? accesses.int(1) : nil
            if hasAudit, auditSeq == nil {
                return .broken(position: expected, message: "\(describeAudit()) has no place in the chain: a row was inserted outside marac")
            }
            if hasAccess, accessSeq == nil {
                return .broken(position: expected, message: "\(describeAccess()) has no place in the chain: a row was inserted outside marac")
            }
            if let a = auditSeq, let b = accessSeq, a == b {
                return .broken(position: a, message: "row \(a) is claimed twice (\(describeAudit()); \(describeAccess())): a row was inserted")
            }
            let takeAudit = accessSeq == nil || (auditSeq != nil && auditSeq! < accessSeq!)
            let cursor = takeAudit ? audits : accesses
            let seq = takeAudit ? auditSeq! : accessSeq!
            if seq < expected {
                return .broken(position: expected, message: "\(takeAudit ? describeAudit() : describeAccess()) claims row \(seq), out of order after row \(expected - 1): a row was inserted or renumbered")
            }
            if seq > expected {
                return .broken(position: expected, message: "row \(expected) is missing: the chain jumps to row \(seq) (\(takeAudit ? describeAudit() : describeAccess())): a row was deleted")
            }

            let hashColumn: Int32
            if takeAudit {
                encoder.reset(kind: auditKind)
                encoder.int(cursor.int(0)); encoder.int(seq)
                for column: Int32 in 2...5 { encoder.raw(cursor.bytes(column)) }
                encoder.int(cursor.int(6))
                encoder.raw(cursor.bytes(7))
                hashColumn = 8
            } else {
                let id = cursor.int(0) ?? 0
                encoder.reset(kind: accessKind)
                encoder.int(cursor.int(0)); encoder.int(seq)
                for column: Int32 in 2...6 { encoder.raw(cursor.bytes(column)) }
                var orphan = try referrals.take(id, into: &referralIDs)
                if orphan == nil { orphan = try people.take(id, into: &personIDs) }
                if let orphan {
                    return .broken(position: seq, message: "a shown-record row names access id \(orphan), which is not in the chain: it was inserted")
                }
                encodeIDs(encoder, referralIDs, personIDs)
                hashColumn = 7
            }
            var hasher = SHA256()
            previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            encoder.withBytes { hasher.update(bufferPointer: $0) }
            let digest = hasher.finalize()
            let stored = cursor.bytes(hashColumn)
            let matches = digest.withUnsafeBytes { computed in stored.map { $0.elementsEqual(computed) } ?? false }
            if !matches {
                return .broken(position: seq, message: "row \(seq) (\(takeAudit ? describeAudit() : describeAccess())) does not match its hash: it was edited, or a row before it was removed or changed")
            }
            digest.withUnsafeBytes { computed in previous.withUnsafeMutableBytes { $0.copyMemory(from: computed) } }
            if let anchor, anchor.count == seq { anchorMatched = previous == anchorHash! }
            expected += 1
            if takeAudit { hasAudit = try audits.step() } else { hasAccess = try accesses.step() }
        }
        if let orphan = referrals.leftover() ?? people.leftover() {
            return .broken(position: expected, message: "a shown-record row names access id \(orphan), which is not in the chain: it was inserted")
        }
        let count = expected - 1
        if let anchor {
            if anchor.count > count {
                return .broken(position: count + 1, message: "the trail has \(count) rows but the anchor records \(anchor.count): it was cut short at row \(count + 1)")
            }
            if anchorMatched != true {
                return .broken(position: anchor.count, message: "row \(anchor.count) does not match the anchor: the trail was rewritten up to there (or the anchor is from another database)")
            }
        }
        return .intact(AuditAnchor(hash: Data(previous), count: count))
    }

    /// A statement stepped with SQLite's C API; column values are read in
    /// place (valid until the next step).
    final class RawCursor {
        let statement: Statement
        let raw: OpaquePointer
        let connection: OpaquePointer?

        init(_ db: Database, _ sql: String) throws {
            statement = try db.makeStatement(sql: sql)
            raw = statement.sqliteStatement
            connection = db.sqliteConnection
        }

        deinit { sqlite3_reset(raw) }

        func step() throws -> Bool {
            switch sqlite3_step(raw) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            case let code:
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) })
            }
        }

        func int(_ column: Int32) -> Int64? {
            sqlite3_column_type(raw, column) == SQLITE_NULL ? nil : sqlite3_column_int64(raw, column)
        }

        func bytes(_ column: Int32) -> UnsafeRawBufferPointer? {
            // A null pointer is NULL or an empty value: only then ask which.
            guard let start = sqlite3_column_blob(raw, column) else {
                return sqlite3_column_type(raw, column) == SQLITE_NULL ? nil : UnsafeRawBufferPointer(start: nil, count: 0)
            }
            return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(raw, column)))
        }

        /// A column as text for a message, escaped for the terminal.
        func text(_ column: Int32) -> String {
            guard let bytes = bytes(column) else { return "(null)" }
            return TerminalText.escape(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The ids an access row shows, read alongside the access rows in the same
    /// order (by access id), so no lookup per row.
    struct ChildStream {
        let cursor: RawCursor
        var pending: (access: Int64, id: Int64)?

        init(_ db: Database, sql: String) throws {
            cursor = try RawCursor(db, sql)
            pending = try ChildStream.read(cursor)
        }

        static func read(_ cursor: RawCursor) throws -> (Int64, Int64)? {
            guard try cursor.step() else { return nil }
            return (cursor.int(0) ?? 0, cursor.int(1) ?? 0)
        }

        /// Collects the ids of access row `access`; returns the access id of a
        /// child row whose parent is missing (it sorts before `access`).
        mutating func take(_ access: Int64, into ids: inout [Int64]) throws -> Int64? {
            ids.removeAll(keepingCapacity: true)
            while let (parent, id) = pending, parent <= access {
                if parent < access { return parent }
                ids.append(id)
                pending = try ChildStream.read(cursor)
            }
            return nil
        }

        func leftover() -> Int64? { pending?.access }
    }
}
