import Crypto
import Foundation
import GRDB
import MaracCore

/// The head of the chain as a coordinator writes it down: `HASH:COUNT`, the
/// hex SHA-256 of the last row and the number of rows in the chain.
public struct AuditAnchor: Sendable, Equatable, CustomStringConvertible {
    public var hash: Data
    public var count: Int64

    public init(hash: Data, count: Int64) {
        self.hash = hash
        self.count = count
    }

    /// Parses `HASH:COUNT` (64 hex digits, any case; a count ≥ 0).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 64, let count = Int64(parts[1]), count >= 0 else { return nil }
        var bytes: [UInt8] = []
        var iterator = parts[0].makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = high.hexDigitValue, let l = low.hexDigitValue else { return nil }
            bytes.append(UInt8(h << 4 | l))
        }
        self.hash = Data(bytes)
        self.count = count
    }

    public var description: String { hash.map { String(format: "%02x", $0) }.joined() + ":\(count)" }
}

extension AuditChain {
    public enum Verification: Sendable, Equatable {
        /// The chain holds; its head now.
        case intact(AuditAnchor)
        /// The first row where it breaks, as one line (no identities: logins,
        /// times, actions and ids only).
        case broken(position: Int64, message: String)
    }

    /// Walks the whole chain in order, recomputing every hash. Reads with
    /// cursors and one pass per table, so a million rows take well under a
    /// second (docs/benchmarks.md).
    public static func verify(_ database: MaracDatabase, anchor: AuditAnchor? = nil) throws -> Verification {
        try database.pool.read { db in try verify(db, anchor: anchor) }
    }

    /// The head of the chain, for `marac audit anchor`. It does not check the
    /// chain: verify first.
    public static func anchor(_ database: MaracDatabase) throws -> AuditAnchor {
        try database.pool.read { db in
            let head = try head(db)
            return AuditAnchor(hash: head.hash, count: head.seq)
        }
    }

    static func verify(_ db: Database, anchor: AuditAnchor?) throws -> Verification {
        let audits = try Row.fetchCursor(db, sql: "SELECT id, seq, at, actor, action, entity, entity_id, detail, hash FROM audit ORDER BY id")
        let accesses = try Row.fetchCursor(db, sql: "SELECT id, seq, at, actor, use_case, kind, reason, hash FROM access ORDER BY id")
        var referrals = try ChildStream(db, sql: "SELECT access_id, referral_id FROM access_referral ORDER BY access_id, referral_id")
        var people = try ChildStream(db, sql: "SELECT access_id, person_id FROM access_person ORDER BY access_id, person_id")

        var audit = try audits.next()
        var access = try accesses.next()
        var previous = genesis
        var expected: Int64 = 1
        var encoder = Encoder(kind: auditKind)
        var referralIDs: [Int64] = [], personIDs: [Int64] = []
        var anchorMatched = anchor?.count == 0 ? anchor!.hash == genesis : nil

        func describeAudit(_ row: Row) -> String {
            let entityID: Int64? = row[6]
            return "audit id \(row[0] as Int64), \(text(row[2])), by \(text(row[3])), \(text(row[4])) \(text(row[5]))\(entityID.map { " \($0)" } ?? "")"
        }
        func describeAccess(_ row: Row) -> String {
            "access id \(row[0] as Int64), \(text(row[2])), by \(text(row[3])), \(text(row[4]))"
        }

        while audit != nil || access != nil {
            let auditSeq: Int64? = audit.flatMap { $0[1] as Int64? }
            let accessSeq: Int64? = access.flatMap { $0[1] as Int64? }
            if let row = audit, auditSeq == nil {
                return .broken(position: expected, message: "\(describeAudit(row)) has no place in the chain: a row was inserted outside marac")
            }
            if let a = auditSeq, let b = accessSeq, a == b {
                return .broken(position: a, message: "row \(a) is claimed twice (\(describeAudit(audit!)); \(describeAccess(access!))): a row was inserted")
            }
            let takeAudit = accessSeq == nil || (auditSeq != nil && auditSeq! < accessSeq!)
            let row = takeAudit ? audit! : access!
            let seq = takeAudit ? auditSeq! : accessSeq!
            let name = takeAudit ? describeAudit(row) : describeAccess(row)
            if seq < expected {
                return .broken(position: expected, message: "\(name) claims row \(seq), out of order after row \(expected - 1): a row was inserted or renumbered")
            }
            if seq > expected {
                return .broken(position: expected, message: "row \(expected) is missing: the chain jumps to row \(seq) (\(name)): a row was deleted")
            }

            if takeAudit {
                encoder.reset(kind: auditKind)
                encoder.int(row[0]); encoder.int(seq)
                for column in 2...5 { try row.withUnsafeData(atIndex: column) { encoder.data($0) } }
                encoder.int(row[6])
                try row.withUnsafeData(atIndex: 7) { encoder.data($0) }
            } else {
                let id: Int64 = row[0]
                encoder.reset(kind: accessKind)
                encoder.int(id); encoder.int(seq)
                for column in 2...6 { try row.withUnsafeData(atIndex: column) { encoder.data($0) } }
                var orphan = try referrals.take(id, into: &referralIDs)
                if orphan == nil { orphan = try people.take(id, into: &personIDs) }
                if let orphan {
                    return .broken(position: seq, message: "a shown-record row names access id \(orphan), which is not in the chain: it was inserted")
                }
                encodeIDs(&encoder, referralIDs, personIDs)
            }
            var hasher = SHA256()
            hasher.update(data: previous)
            encoder.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            let digest = hasher.finalize()
            let hashColumn = takeAudit ? 8 : 7
            let matches = try row.withUnsafeData(atIndex: hashColumn) { stored -> Bool in
                guard let stored, stored.count == SHA256.byteCount else { return false }
                return digest.withUnsafeBytes { computed in stored.elementsEqual(computed) }
            }
            if !matches {
                return .broken(position: seq, message: "row \(seq) (\(name)) does not match its hash: it was edited, or a row before it was removed or changed")
            }
            previous = Data(digest)
            if let anchor, anchor.count == seq { anchorMatched = previous == anchor.hash }
            expected += 1
            if takeAudit { audit = try audits.next() } else { access = try accesses.next() }
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
        return .intact(AuditAnchor(hash: previous, count: count))
    }

    private static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .string(let s): return TerminalText.escape(s)
        case .null: return "(null)"
        default: return TerminalText.escape(value.description)
        }
    }

    /// The ids an access row shows, read alongside the access rows in the same
    /// order (by access id), so no lookup per row.
    struct ChildStream {
        let cursor: RowCursor
        var pending: (access: Int64, id: Int64)?

        init(_ db: Database, sql: String) throws {
            cursor = try Row.fetchCursor(db, sql: sql)
            pending = try ChildStream.read(cursor)
        }

        static func read(_ cursor: RowCursor) throws -> (Int64, Int64)? {
            guard let row = try cursor.next() else { return nil }
            return (row[0], row[1])
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
