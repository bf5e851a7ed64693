import Foundation
import GRDB
import MaracCore

/// The one SQLite file a MARAC's data lives in. Opening it sets the pragmas
/// that keep data safe (WAL, synchronous=FULL, foreign keys, a busy timeout so
/// several coordinators can work at once) and brings the schema up to date.
public final class MaracDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String

    /// Seconds a writer waits for another coordinator's transaction to finish.
    public static let busyTimeout: TimeInterval = 10

    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(MaracDatabase.busyTimeout)
        // The file holds special-category data: readable by its owner only.
        let existed = FileManager.default.fileExists(atPath: path)
        pool = try DatabasePool(path: path, configuration: config)
        // GRDB sets synchronous=NORMAL when it turns WAL on; a power cut must not
        // lose a committed referral, so the one writer connection goes back to FULL.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        if !existed {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        try Migrations.migrator.migrate(pool)
    }

    /// The default location from contracts.md: $MARAC_DB, else
    /// $XDG_DATA_HOME/marac/marac.db, else ~/.local/share/marac/marac.db.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["MARAC_DB"], !path.isEmpty { return path }
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = home + "/.local/share"
        }
        return base + "/marac/marac.db"
    }

    /// A setting from the setting table, e.g. adult-female-population.
    public func setting(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    public func setSetting(_ key: String, _ value: String, by actor: Actor) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
            try Audit.record(db, actor: actor, action: "set", entity: "setting", entityID: nil, detail: "\(key)=\(value)")
        }
    }

    /// Records a user action that changes no record but must be attributable
    /// (exporting exact figures, for one).
    public func recordAudit(actor: Actor, action: String, entity: String, detail: String) throws {
        try pool.write { db in try Audit.record(db, actor: actor, action: action, entity: entity, entityID: nil, detail: detail) }
    }

    /// True when `marac demo` made this database: it holds synthetic people only.
    public func isDemo() throws -> Bool { try setting(Settings.dataset) == "demo" }
}

public enum Settings {
    public static let dataset = "dataset"
    public static let adultFemalePopulation = "adult-female-population"
    public static let retentionMonths = "retention-months"
    public static let suppressionThreshold = "suppression-threshold"

    /// Settings a user may change with `marac config set`.
    public static let userSettable: [String: String] = [
        adultFemalePopulation: "adult women (16+) living in the MARAC's area, for cases per 10,000",
        retentionMonths: "months after closure a case is kept before a deliberate purge",
        suppressionThreshold: "suppressed figures hide counts below this (default 5; at least 2)",
    ]
}
