import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shared-server install (scripts/install-server, docs/deployment.md): the
/// binary is setgid to a `marac` group that owns the data directory (2770) and
/// the database (0660), so people reach the data only through marac. Running
/// setgid, marac takes the database path from a root-owned setting beside the
/// binary, `PREFIX/etc/marac/database`, never from `--db` or `MARAC_DB`, and
/// ignores environment variables that would change what it records.
public enum SharedServer {
    /// True when this process runs with the group of a setgid binary.
    public static let isActive: Bool = getegid() != getgid()

    public enum Problem: Error, CustomStringConvertible {
        case noSetting(String)
        case settingNotRootOwned(String)
        case badPath(String)

        public var description: String {
            switch self {
            case .noSetting(let path): return "shared-server install: the setting \(path) is missing or unreadable; run scripts/install-server"
            case .settingNotRootOwned(let path): return "shared-server install: \(path) must be owned by root and writable by root only"
            case .badPath(let path): return "shared-server install: \(path) must hold the absolute path of the database"
            }
        }
    }

    /// The running binary, from the kernel (not argv[0], which the caller chooses).
    static func executable() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `PREFIX/etc/marac/database` for a binary at `PREFIX/bin/marac`;
    /// `/etc/marac/database` for `/usr/bin/marac` (the Debian package).
    public static func settingPath() -> String? {
        guard let binary = executable() else { return nil }
        let prefix = URL(fileURLWithPath: binary).deletingLastPathComponent().deletingLastPathComponent().path
        return (prefix == "/usr" ? "" : prefix) + "/etc/marac/database"
    }

    /// The database path from the root-owned setting. The setting file and the
    /// folder holding it must belong to root and be writable by root only.
    public static func databasePath() throws -> String {
        guard let setting = settingPath() else { throw Problem.noSetting("PREFIX/etc/marac/database") }
        for path in [setting, (setting as NSString).deletingLastPathComponent] {
            var info = stat()
            guard stat(path, &info) == 0 else { throw Problem.noSetting(setting) }
            guard info.st_uid == 0, info.st_mode & 0o022 == 0 else { throw Problem.settingNotRootOwned(path) }
        }
        guard let text = try? String(contentsOfFile: setting, encoding: .utf8) else { throw Problem.noSetting(setting) }
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard path.hasPrefix("/"), !path.contains("\n"), !path.isEmpty else { throw Problem.badPath(setting) }
        return path
    }
}
