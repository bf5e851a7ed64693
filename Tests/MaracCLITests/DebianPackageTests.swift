import Foundation
import MaracCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The Debian package (scripts/package) installed on this machine with
/// `dpkg -i`, used by two OS users through the setgid binary, and removed with
/// `dpkg -r`, leaving the data. `scripts/test` builds the package from the
/// debug binary when it runs as root and names it in MARAC_TEST_DEB; without
/// it, or without root, dpkg or a clean machine, the test shows as skipped.
/// It puts back what it changed (purge, the data, the group, the logins).
@Suite(.serialized) struct DebianPackageTests {
    typealias Sh = SharedServerTests

    static let deb = ProcessInfo.processInfo.environment["MARAC_TEST_DEB"] ?? ""
    static var hasPackage: Bool { !deb.isEmpty && FileManager.default.fileExists(atPath: deb) }
    static var tools: Bool {
        Sh.sh("command -v dpkg && command -v dpkg-deb && command -v useradd && command -v runuser && command -v man && command -v systemd-analyze").status == 0
    }
    /// Nothing of marac installed system-wide already: the test owns /usr/bin/marac, /etc/marac and /var/lib/marac.
    static var cleanMachine: Bool {
        !["/usr/bin/marac", "/etc/marac", "/var/lib/marac"].contains { FileManager.default.fileExists(atPath: $0) }
            && Sh.sh("dpkg -s marac").status != 0
    }
    /// Under no_new_privs (some containers) the kernel ignores setgid bits.
    static var setgidWorks: Bool { Sh.sh("grep -q '^NoNewPrivs:[[:space:]]*1' /proc/self/status").status != 0 }

    @Test(.enabled(if: getuid() == 0, "needs root (dpkg -i, useradd)"),
          .enabled(if: hasPackage, "no package: scripts/test builds one as root and names it in MARAC_TEST_DEB"),
          .enabled(if: tools, "needs dpkg, useradd, runuser, man (man-db) and systemd-analyze (scripts/setup installs them)"),
          .enabled(if: cleanMachine, "marac is already installed on this machine; the test installs only where it is not"),
          .enabled(if: setgidWorks, "no_new_privs is set: the kernel ignores the setgid bit the package relies on"))
    func theInstalledPackageWorksForTwoUsersAndRemovalLeavesTheData() throws {
        let tag = String(UUID().uuidString.prefix(8)).lowercased().filter(\.isLetter)
        let admin = "mpa\(tag)", other = "mpb\(tag)"
        defer {
            _ = Sh.sh("dpkg --purge marac; rm -rf /var/lib/marac /etc/marac /var/lib/marac-backups /var/lib/marac-chase; "
                + "userdel \(admin); userdel \(other); userdel marac-jobs; groupdel marac")
        }
        #expect(Sh.sh("useradd -M \(admin) && useradd -M \(other)").status == 0)

        let install = Sh.sh("dpkg -i \(Self.deb)")
        try #require(install.status == 0, "\(install.out)")
        let version = Sh.sh("cd / && marac --version")
        #expect(version.status == 0 && version.out == MaracVersion.text + "\n", "\(version.out)")
        // The layout of scripts/install-server, by the same script.
        let gid = try #require(getgrnam("marac")).pointee.gr_gid
        #expect(Sh.mode("/usr/bin/marac").map { $0.mode == 0o2755 && $0.uid == 0 && $0.gid == gid } == true)
        #expect(Sh.mode("/var/lib/marac").map { $0.mode == 0o2770 && $0.gid == gid } == true)
        #expect(Sh.mode("/etc/marac/database").map { $0.mode == 0o644 && $0.uid == 0 } == true)
        #expect((try? String(contentsOfFile: "/etc/marac/database", encoding: .utf8)) == "/var/lib/marac/marac.db\n")
        #expect(!FileManager.default.fileExists(atPath: "/var/lib/marac/marac.db"), "the package creates no database")
        #expect(Sh.sh("id -nG marac-jobs | tr ' ' '\\n' | grep -qx marac").status != 0, "the jobs login is not in the group")

        // Man pages, one per command group; a completion script that loads.
        let man = Sh.sh("man -w marac && man -w marac-referral && man -w marac-meeting")
        #expect(man.status == 0 && man.out.contains("/usr/share/man/man1/marac.1.gz"), "\(man.out)")
        #expect(Sh.sh("zcat /usr/share/man/man1/marac-referral.1.gz | grep -q 'marac referral list'").status == 0)
        let completion = Sh.sh("bash -c 'source /usr/share/bash-completion/completions/marac && complete -p marac'")
        #expect(completion.status == 0 && completion.out.contains("marac"), "\(completion.out)")
        #expect(FileManager.default.fileExists(atPath: "/usr/share/zsh/vendor-completions/_marac"))
        #expect(FileManager.default.fileExists(atPath: "/usr/share/fish/vendor_completions.d/marac.fish"))
        // Each timer and its service as systemd reads them.
        for unit in ["marac-daily", "marac-backup", "marac-chase"] {
            let verify = Sh.sh("systemd-analyze verify /lib/systemd/system/\(unit).timer /lib/systemd/system/\(unit).service")
            #expect(verify.status == 0, "\(unit): \(verify.out)")
        }

        // Two people through the setgid binary: the first creates the database.
        let initialise = Sh.sh("cd / && runuser -u \(admin) -- marac init")
        #expect(initialise.status == 0, "\(initialise.out)")
        #expect(Sh.mode("/var/lib/marac/marac.db").map { $0.mode == 0o660 && $0.gid == gid } == true)
        #expect(Sh.sh("cd / && runuser -u \(admin) -- marac user add \(other) --name 'Other Person' --role coordinator").status == 0)
        let add = Sh.sh("cd / && runuser -u \(other) -- marac referral add --plain --ref PK-1 --agency police --victim-name 'Ann Smith'")
        #expect(add.status == 0, "\(add.out)")
        #expect(Sh.sh("cd / && runuser -u \(admin) -- marac referral list --plain --format csv").out.contains("PK-1"))
        #expect(Sh.sh("runuser -u \(other) -- cat /var/lib/marac/marac.db > /dev/null").status != 0)
        // The scheduled jobs' login works once the admin makes it a user.
        #expect(Sh.sh("cd / && runuser -u marac-jobs -- marac referral lapse").status == 77)
        #expect(Sh.sh("cd / && runuser -u \(admin) -- marac user add marac-jobs --name 'Scheduled jobs' --role coordinator --role admin").status == 0)
        #expect(Sh.sh("cd / && runuser -u \(admin) -- marac config set retention-months 72").status == 0)
        let daily = Sh.sh("cd / && runuser -u marac-jobs -- marac referral lapse && runuser -u marac-jobs -- marac purge --dry-run")
        #expect(daily.status == 0, "\(daily.out)")

        // Removed, not purged: the binary goes, the data and the group stay.
        let remove = Sh.sh("dpkg -r marac")
        #expect(remove.status == 0, "\(remove.out)")
        #expect(!FileManager.default.fileExists(atPath: "/usr/bin/marac"))
        #expect(FileManager.default.fileExists(atPath: "/var/lib/marac/marac.db"))
        #expect(FileManager.default.fileExists(atPath: "/etc/marac/database"))
        #expect(getgrnam("marac") != nil)
        let sqlite = Sh.sh("sqlite3 -batch /var/lib/marac/marac.db \"SELECT ref FROM referral\"")
        #expect(sqlite.out == "PK-1\n", "\(sqlite.out)")
    }
}
