import Crypto
import Foundation
import GRDB
import MaracCore

/// The audit trail as one hash chain. Every `audit` row (a change) and every
/// `access` row (a read of identifying data) takes the next position `seq` of
/// one shared sequence and stores SHA-256(previous row's hash ‖ its own
/// canonical content). Editing, removing or slipping in a row breaks the chain
/// at that row; `AuditChain.verify` finds the first break. A chain proves
/// nothing against someone who recomputes every hash after an edit: the anchor
/// (`HASH:COUNT`, recorded outside marac) is what catches that. See docs/audit.md.
public enum AuditChain {
    /// The "previous hash" of the first row.
    static let genesis = Data(repeating: 0, count: 32)

    // MARK: Canonical content

    /// The bytes a row's hash covers: a kind byte, then each field as a tag
    /// (0 null, 1 integer as 8 bytes big-endian, 2 text as a 4-byte big-endian
    /// length and its UTF-8 bytes). The same bytes whether built from Swift
    /// values when writing or from SQLite's raw column bytes when verifying.
    final class Encoder {
        private var storage: UnsafeMutableRawPointer
        private var capacity: Int
        private(set) var count = 0

        init(kind: UInt8) {
            capacity = 512
            storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            reset(kind: kind)
        }

        deinit { storage.deallocate() }

        var bytes: [UInt8] { Array(UnsafeRawBufferPointer(start: storage, count: count)) }

        func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
            try body(UnsafeRawBufferPointer(start: storage, count: count))
        }

        func reset(kind: UInt8) {
            count = 0
            byte(kind)
        }

        private func reserve(_ more: Int) {
            guard count + more > capacity else { return }
            let grown = max(capacity * 2, count + more)
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
            bigger.copyMemory(from: storage, byteCount: count)
            storage.deallocate()
            storage = bigger
            capacity = grown
        }

        private func byte(_ value: UInt8) {
            reserve(1)
            storage.storeBytes(of: value, toByteOffset: count, as: UInt8.self)
            count += 1
        }

        func int(_ value: Int64?) {
            guard let value else { byte(0); return }
            reserve(9)
            storage.storeBytes(of: 1, toByteOffset: count, as: UInt8.self)
            storage.storeBytes(of: value.bigEndian, toByteOffset: count + 1, as: Int64.self)
            count += 9
        }

        func text(_ value: String?) {
            guard let value else { byte(0); return }
            var copy = value
            copy.withUTF8 { raw(UnsafeRawBufferPointer($0)) }
        }

        func raw(_ value: UnsafeRawBufferPointer?) {
            guard let value else { byte(0); return }
            reserve(5 + value.count)
            storage.storeBytes(of: 2, toByteOffset: count, as: UInt8.self)
            storage.storeBytes(of: UInt32(value.count).bigEndian, toByteOffset: count + 1, as: UInt32.self)
            if let base = value.baseAddress, value.count > 0 {
                (storage + count + 5).copyMemory(from: base, byteCount: value.count)
            }
            count += 5 + value.count
        }
    }

    static let auditKind: UInt8 = 0x41 // "A"
    static let accessKind: UInt8 = 0x52 // "R"

    struct AuditContent {
        var id: Int64
        var seq: Int64
        var at: String
        var actor: String
        var action: String
        var entity: String
        var entityID: Int64?
        var detail: String

        func encoded() -> [UInt8] {
            let e = Encoder(kind: AuditChain.auditKind)
            e.int(id); e.int(seq); e.text(at); e.text(actor); e.text(action); e.text(entity); e.int(entityID); e.text(detail)
            return e.bytes
        }
    }

    struct AccessContent {
        var id: Int64
        var seq: Int64
        var at: String
        var actor: String
        var useCase: String
        var kind: String
        var reason: String?
        /// Ascending, no repeats (as the child tables' primary keys return them).
        var referralIDs: [Int64]
        var personIDs: [Int64]

        func encoded() -> [UInt8] {
            let e = Encoder(kind: AuditChain.accessKind)
            e.int(id); e.int(seq); e.text(at); e.text(actor); e.text(useCase); e.text(kind); e.text(reason)
            AuditChain.encodeIDs(e, referralIDs, personIDs)
            return e.bytes
        }
    }

    static func encodeIDs(_ e: Encoder, _ referralIDs: [Int64], _ personIDs: [Int64]) {
        e.int(Int64(referralIDs.count))
        for id in referralIDs { e.int(id) }
        e.int(Int64(personIDs.count))
        for id in personIDs { e.int(id) }
    }

    static func hash(previous: Data, _ content: [UInt8]) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        content.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Data(hasher.finalize())
    }

    // MARK: Appending

    /// The last row of the chain: its position and hash (genesis when empty),
    /// and the last ids of both tables.
    struct Head {
        var seq: Int64 = 0
        var hash: Data = AuditChain.genesis
        var lastAuditID: Int64 = 0
        var lastAccessID: Int64 = 0
    }

    static func head(_ db: Database) throws -> Head {
        var head = Head()
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, seq, hash FROM audit ORDER BY id DESC LIMIT 1")) {
            head.lastAuditID = row[0]
            if let seq: Int64 = row[1] { head.seq = seq; head.hash = row[2] ?? genesis }
        }
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, seq, hash FROM access ORDER BY id DESC LIMIT 1")) {
            head.lastAccessID = row[0]
            let seq: Int64 = row[1]
            if seq > head.seq { head.seq = seq; head.hash = row[2] ?? genesis }
        }
        return head
    }

    static func appendAudit(_ db: Database, at: String, actor: String, action: String, entity: String, entityID: Int64?, detail: String) throws {
        let head = try head(db)
        let content = AuditContent(id: head.lastAuditID + 1, seq: head.seq + 1, at: at, actor: actor, action: action,
                                   entity: entity, entityID: entityID, detail: detail)
        let hash = hash(previous: head.hash, content.encoded())
        try db.cachedStatement(sql: """
            INSERT INTO audit (id, at, actor, action, entity, entity_id, detail, seq, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [content.id, at, actor, action, entity, entityID, detail, content.seq, hash])
    }

    /// Several audit rows in order, the chain's head read once: the same rows
    /// and hashes as appending them one at a time, for a caller that writes
    /// nothing else to the chain in between (a lapse batch).
    static func appendAudits(_ db: Database, actor: String, _ rows: [(action: String, entity: String, entityID: Int64?, detail: String)]) throws {
        var head = try head(db)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO audit (id, at, actor, action, entity, entity_id, detail, seq, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            let at = Timestamp.string(Date())
            let content = AuditContent(id: head.lastAuditID + 1, seq: head.seq + 1, at: at, actor: actor, action: row.action,
                                       entity: row.entity, entityID: row.entityID, detail: row.detail)
            let hash = hash(previous: head.hash, content.encoded())
            // Bound directly: thousands of rows a call (an import, a lapse batch).
            try RawBinding.execute(insert, [content.id.databaseValue, at.databaseValue, actor.databaseValue, row.action.databaseValue,
                                            row.entity.databaseValue, row.entityID?.databaseValue ?? .null, row.detail.databaseValue,
                                            content.seq.databaseValue, hash.databaseValue], db)
            head.lastAuditID = content.id
            head.seq = content.seq
            head.hash = hash
        }
    }

    @discardableResult
    static func appendAccess(_ db: Database, at: String, actor: String, useCase: String, kind: String, reason: String?,
                             referralIDs: [Int64], personIDs: [Int64]) throws -> Int64 {
        let head = try head(db)
        let referrals = Array(Set(referralIDs)).sorted(), people = Array(Set(personIDs)).sorted()
        let content = AccessContent(id: head.lastAccessID + 1, seq: head.seq + 1, at: at, actor: actor, useCase: useCase,
                                    kind: kind, reason: reason, referralIDs: referrals, personIDs: people)
        let hash = hash(previous: head.hash, content.encoded())
        try db.cachedStatement(sql: """
            INSERT INTO access (id, seq, at, actor, use_case, kind, reason, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [content.id, content.seq, at, actor, useCase, kind, reason, hash])
        let referral = try db.cachedStatement(sql: "INSERT INTO access_referral (access_id, referral_id) VALUES (?, ?)")
        for id in referrals { try referral.execute(arguments: [content.id, id]) }
        let person = try db.cachedStatement(sql: "INSERT INTO access_person (access_id, person_id) VALUES (?, ?)")
        for id in people { try person.execute(arguments: [content.id, id]) }
        return content.id
    }
}

/// The audit trail: who, when, which record, what changed. Written inside the
/// caller's transaction so a change and its record stand or fall together.
/// `detail` names fields and codes, never names, dates of birth or addresses.
/// Each row is chained (see `AuditChain`).
public enum Audit {
    public static func record(_ db: Database, actor: Actor, action: String, entity: String, entityID: Int64?, detail: String = "") throws {
        try AuditChain.appendAudit(db, at: Timestamp.string(Date()), actor: actor.name, action: action, entity: entity,
                                   entityID: entityID, detail: detail)
    }

    /// Several rows at once, in order (see `AuditChain.appendAudits`).
    public static func recordAll(_ db: Database, actor: Actor, _ rows: [(action: String, entity: String, entityID: Int64?, detail: String)]) throws {
        try AuditChain.appendAudits(db, actor: actor.name, rows)
    }

    /// For generated benchmark trails only (`marac-auditbench`): the same row
    /// with a given timestamp. Not for the application: its rows take the clock.
    @_spi(Benchmark) public static func record(_ db: Database, at: String, actor: Actor, action: String, entity: String, entityID: Int64?, detail: String = "") throws {
        try AuditChain.appendAudit(db, at: at, actor: actor.name, action: action, entity: entity, entityID: entityID, detail: detail)
    }
}

/// Who saw identifying data: one row per read (a case opened, a search's
/// result set, a list page with names, an export, an agenda, minutes, a
/// report), with the ids of the referrals and people shown. Never the search
/// text: a typed name is itself identifying. Written inside the caller's
/// transaction, chained with the audit rows.
public enum Access {

    /// Records one read. Nothing is written when no referral and no person was
    /// shown (an empty result identifies no one). The reason comes checked by
    /// the use case (`AccessReason`: break-glass needs one). Returns the access
    /// row's id, or nil when nothing was written.
    @discardableResult
    public static func record(_ db: Database, actor: Actor, useCase: String, referralIDs: [Int64], personIDs: [Int64],
                              reason: String?, kind: AccessKind = .read) throws -> Int64? {
        guard !referralIDs.isEmpty || !personIDs.isEmpty else { return nil }
        return try AuditChain.appendAccess(db, at: Timestamp.string(Date()), actor: actor.name, useCase: useCase, kind: kind.rawValue,
                                           reason: reason, referralIDs: referralIDs, personIDs: personIDs)
    }
}
