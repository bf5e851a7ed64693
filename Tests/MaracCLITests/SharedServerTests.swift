import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// scripts/install-server into a temporary prefix and data directory, then the
/// real setgid binary run as real OS users (CI runs as root: it creates them).
/// Skipped when not root or when the temporary folder is mounted nosuid.
@Suite(.serialized) struct SharedServerTests {
    static let repository = MaracRun.binary.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sh(_ command: String) -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func mode(_ path: String) -> (mode: Int, uid: uid_t, gid: gid_t)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_mode & 0o7777), info.st_uid, info.st_gid)
    }

    /// Under no_new_privs (some containers) the kernel ignores setgid bits: nothing to test there.
    static let canInstall = getuid() == 0 && sh("command -v useradd && command -v runuser").status == 0
        && sh("grep -q '^NoNewPrivs:[[:space:]]*1' /proc/self/status").status != 0

    @Test(.enabled(if: canInstall, "needs root, useradd and runuser, and setgid bits honoured (no no_new_privs)"))
    func aSetgidInstallKeepsTheDataToTheGroupAndIgnoresOtherPaths() throws {
        let tag = String(UUID().uuidString.prefix(6)).lowercased().filter(\.isLetter)
        let group = "mtg\(tag)", admin = "mta\(tag)", other = "mtb\(tag)"
        defer { _ = Self.sh("userdel \(admin); userdel \(other); groupdel \(group)") }
        #expect(Self.sh("useradd -M \(admin) && useradd -M \(other)").status == 0)
        let root = "/tmp/marac-shared-\(tag)"
        defer { _ = Self.sh("rm -rf \(root)") }
        #expect(Self.sh("mkdir -p \(root) && chmod 0755 \(root)").status == 0)
        if Self.sh("findmnt -no OPTIONS -T \(root) | grep -q nosuid").status == 0 { return }
        let prefix = root + "/usr", data = root + "/data"
        let install = Self.sh("\(Self.repository.path)/scripts/install-server --prefix \(prefix) --data \(data) --group \(group) --binary \(MaracRun.binary.path) --admin \(admin)")
        #expect(install.status == 0, "\(install.out)")
        let gid = getgrnam(group)!.pointee.gr_gid
        let binary = prefix + "/bin/marac", db = data + "/marac.db"
        #expect(Self.mode(binary).map { $0.mode == 0o2755 && $0.gid == gid } == true)
        #expect(Self.mode(data).map { $0.mode == 0o2770 && $0.gid == gid } == true)
        #expect(Self.mode(db).map { $0.mode == 0o660 && $0.gid == gid } == true, "\(String(describing: Self.mode(db)))")
        // Where people and roles exist (issue 9), the admin makes the other login a coordinator first.
        _ = Self.sh("cd / && runuser -u \(admin) -- \(binary) user add \(other) --name 'Other Person' --role coordinator")
        // Another login, not in the group, works through marac...
        let add = Self.sh("cd / && runuser -u \(other) -- \(binary) referral add --plain --ref SH-1 --agency police --victim-name 'Ann Smith' --format json")
        #expect(add.status == 0, "\(add.out)")
        #expect(Self.sh("cd / && runuser -u \(admin) -- \(binary) referral list --plain --format csv").out.contains("SH-1"))
        // ...but cannot read the file itself.
        #expect(Self.sh("runuser -u \(other) -- cat \(db) > /dev/null").status != 0)
        // --db cannot point it elsewhere; MARAC_DB is ignored.
        let elsewhere = Self.sh("cd / && runuser -u \(other) -- \(binary) --db \(root)/mine.db referral list --plain")
        #expect(elsewhere.status == 77, "\(elsewhere.out)")
        let env = Self.sh("cd / && MARAC_DB=\(root)/mine.db runuser -u \(other) -- \(binary) referral list --plain --format csv")
        #expect(env.status == 0 && env.out.contains("SH-1"), "\(env.out)")
        #expect(!FileManager.default.fileExists(atPath: root + "/mine.db"))
        // Every database file is the owner's and the group's only.
        for suffix in ["", "-wal", "-shm", "-journal"] {
            if let m = Self.mode(db + suffix) { #expect(m.mode & 0o007 == 0 && m.gid == gid, "\(suffix) \(m)") }
        }
        // A setting someone other than root could change is refused.
        #expect(Self.sh("chmod 0666 \(prefix)/etc/marac/database").status == 0)
        let loose = Self.sh("cd / && runuser -u \(other) -- \(binary) referral list --plain")
        #expect(loose.status == 77 && loose.out.contains("owned by root"), "\(loose.out)")
    }
}
