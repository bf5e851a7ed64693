import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The role × use case matrix, driven through the real setgid binary by real
/// OS users (CI runs as root and creates them). Every allowed cell works; every
/// refused cell exits 77 with nothing shown and nothing written; records out of
/// scope are absent as if they did not exist. Skipped when not root.
@Suite(.serialized) struct PermissionMatrixTests {
    typealias Sh = SharedServerTests

    /// An installed marac with one login per role, a non-user, and cases in
    /// and out of each scope.
    final class Install {
        let tag = String(UUID().uuidString.filter(\.isLetter).prefix(5)).lowercased()
        var root: String { "/tmp/marac-matrix-\(tag)" }
        var binary: String { root + "/usr/bin/marac" }
        var db: String { root + "/data/marac.db" }
        var group: String { "mxg\(tag)" }
        func login(_ role: String) -> String { "mx\(role.prefix(3))\(tag)" }
        let roles = ["adm", "ad2", "coo", "idv", "age", "ana", "non", "pan"]

        init?() {
            guard getuid() == 0, Sh.sh("command -v useradd && command -v runuser && command -v sqlite3").status == 0 else { return nil }
            for role in roles { _ = Sh.sh("useradd -M \(login(role))") }
            _ = Sh.sh("mkdir -p \(root) && chmod 0755 \(root)")
            if Sh.sh("findmnt -no OPTIONS -T \(root) | grep -q nosuid").status == 0 { return nil }
            let install = Sh.sh("\(Sh.repository.path)/scripts/install-server --prefix \(root)/usr --data \(root)/data --group \(group) --binary \(MaracRun.binary.path) --admin \(login("adm"))")
            guard install.status == 0 else { Issue.record("install failed: \(install.out)"); return nil }
        }

        deinit {
            for role in roles { _ = Sh.sh("userdel \(login(role))") }
            _ = Sh.sh("groupdel \(group); rm -rf \(root)")
        }

        /// Runs marac as the login of `role`; arguments are quoted for the shell.
        func run(_ role: String, _ arguments: String...) -> (status: Int32, out: String) {
            let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            return Sh.sh("cd / && runuser -u \(login(role)) -- \(binary) \(quoted) 2>/tmp/marac-matrix-err-\(tag); s=$?; cat /tmp/marac-matrix-err-\(tag) >&2; exit $s")
        }

        /// Stdout only, for checking what was shown.
        func shown(_ role: String, _ arguments: String...) -> (status: Int32, out: String) {
            let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            return Sh.sh("cd / && runuser -u \(login(role)) -- \(binary) \(quoted) 2>/dev/null")
        }

        /// Every row of the trail and the data, as root reads the file: "nothing written" means this is unchanged.
        func state() -> String {
            Sh.sh("sqlite3 \(db) 'SELECT COUNT(*) FROM audit; SELECT COUNT(*) FROM access; SELECT COUNT(*) FROM referral; SELECT COUNT(*) FROM meeting; SELECT COUNT(*) FROM action; SELECT group_concat(login) FROM app_user; SELECT group_concat(status) FROM referral; SELECT COUNT(*) FROM setting'").out
        }
    }

    /// What an install as several OS users needs: shown as skipped, never as passed, without it.
    static let canInstall = getuid() == 0 && Sh.sh("command -v useradd && command -v runuser && command -v sqlite3").status == 0
        && Sh.sh("findmnt -no OPTIONS -T \(FileManager.default.temporaryDirectory.path) | grep -q nosuid").status != 0

    @Test(.enabled(if: canInstall, "needs root, useradd, runuser and sqlite3, and a temporary folder without nosuid"))
    func everyRoleGetsExactlyWhatThePolicySays() throws {
        let m = try #require(Install())
        // The admin adds the people; the first login (the admin) is admin and coordinator.
        #expect(m.run("adm", "user", "add", m.login("ad2"), "--name", "Second admin", "--role", "admin").status == 0)
        #expect(m.run("adm", "user", "add", m.login("coo"), "--name", "Coordinator", "--role", "coordinator").status == 0)
        #expect(m.run("adm", "user", "add", m.login("idv"), "--name", "An IDVA", "--role", "idva").status == 0)
        #expect(m.run("adm", "user", "add", m.login("age"), "--name", "Police rep", "--role", "agency", "--agency", "police").status == 0)
        #expect(m.run("adm", "user", "add", m.login("ana"), "--name", "Analyst", "--role", "analyst").status == 0)
        let users = m.shown("adm", "user", "list", "--format", "csv").out
        #expect(users.contains("\(m.login("age")),Police rep,agency,police,yes"))

        // Cases: one the IDVA referred, one on an agenda, one nobody but the coordinator should see.
        #expect(m.run("idv", "referral", "add", "--plain", "--ref", "IDVA-1", "--agency", "idva", "--victim-name", "Ida Own", "--ric-score", "15").status == 0)
        #expect(m.run("coo", "referral", "add", "--plain", "--ref", "AGENDA-1", "--agency", "police", "--victim-name", "Agnes Listed", "--ric-score", "16").status == 0)
        #expect(m.run("coo", "referral", "add", "--plain", "--ref", "HIDDEN-1", "--agency", "police", "--victim-name", "Hilda Hidden", "--ric-score", "17").status == 0)
        #expect(m.run("coo", "meeting", "create", "2030-01-10").status == 0)
        #expect(m.run("coo", "referral", "screen", "AGENDA-1", "--accept").status == 0)
        #expect(m.run("coo", "action", "add", "AGENDA-1", "--agency", "police", "--owner", "DC", "--due", "2030-02-01", "Flag", "address").status == 0)
        #expect(m.run("coo", "action", "add", "AGENDA-1", "--agency", "housing", "--owner", "HO", "--due", "2030-02-01", "Locks").status == 0)

        // Lists and search: what each scope holds, and no more.
        func refs(_ role: String) -> Set<String> {
            let out = m.shown(role, "referral", "list", "--plain", "--format", "csv").out
            return Set(out.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[0]) })
        }
        #expect(refs("coo") == ["IDVA-1", "AGENDA-1", "HIDDEN-1"])
        #expect(refs("idv") == ["IDVA-1"])
        #expect(refs("age") == ["AGENDA-1"])
        #expect(!m.shown("idv", "referral", "queue", "--plain").out.contains("HIDDEN-1"))
        let agencyActions = m.shown("age", "action", "list", "--plain", "--format", "csv").out
        #expect(agencyActions.contains("Flag address") && !agencyActions.contains("Locks"))
        let agenda = m.shown("age", "meeting", "agenda", "2030-01-10", "--format", "json", "--plain").out
        #expect(agenda.contains("AGENDA-1"))
        #expect(!m.shown("idv", "meeting", "agenda", "2030-01-10", "--format", "json", "--plain").out.contains("AGENDA-1"))

        // Out of scope is "does not exist": the same answer as a reference that was never there.
        let hidden = m.run("idv", "referral", "show", "--plain", "HIDDEN-1")
        let missing = m.run("idv", "referral", "show", "--plain", "NEVER-1")
        #expect(hidden.status == 65 && missing.status == 65)
        #expect(hidden.out.replacingOccurrences(of: "HIDDEN-1", with: "X") == missing.out.replacingOccurrences(of: "NEVER-1", with: "X"))
        #expect(!hidden.out.contains("Hilda"))
        #expect(m.shown("age", "referral", "show", "--plain", "HIDDEN-1").out.isEmpty)

        // Allowed cells work.
        #expect(m.run("idv", "referral", "show", "--plain", "IDVA-1").status == 0)
        #expect(m.run("age", "referral", "show", "--plain", "AGENDA-1").status == 0)
        let actionID = m.shown("coo", "action", "list", "--plain", "--format", "csv").out.split(whereSeparator: \.isNewline)
            .first { $0.contains("Flag address") }.map { String($0.split(separator: ",")[0]) } ?? ""
        #expect(m.run("age", "action", "complete", actionID, "--note", "Flag set").status == 0)
        #expect(m.run("ad2", "config", "set", "adult-female-population", "130000").status == 0)
        #expect(m.run("ad2", "audit", "verify").status == 0)
        #expect(m.run("ad2", "user", "list").status == 0)
        #expect(m.run("coo", "audit", "verify").status == 0)
        #expect(m.run("coo", "export", "referrals", "--plain").status == 0)
        #expect(m.run("coo", "person", "duplicates").status == 0)
        let analystStats = m.shown("ana", "stats", "--year", "2030", "--format", "json")
        #expect(analystStats.status == 0)
        // The analyst's figures are controlled (two actions a year: hidden, as
        // `<5`, or as `[c]` when the table is withheld because no pattern of
        // hiding protects it across the tables published together); the
        // coordinator's are exact.
        let controlled = { (out: String) in out.contains("\"<5\"") || out.contains("\"[c]\"") }
        #expect(controlled(analystStats.out), "\(analystStats.out)")
        #expect(!controlled(m.shown("coo", "stats", "--year", "2030", "--format", "json").out))

        // Refused cells: exit 77, nothing on stdout, nothing written.
        let refused: [(String, [String])] = [
            ("age", ["referral", "add", "--plain", "--ref", "X-1", "--agency", "police", "--victim-name", "Xena"]),
            ("ana", ["referral", "add", "--plain", "--ref", "X-2", "--agency", "police", "--victim-name", "Xena"]),
            ("ad2", ["referral", "add", "--plain", "--ref", "X-3", "--agency", "police", "--victim-name", "Xena"]),
            ("ana", ["referral", "list", "--plain"]), ("ad2", ["referral", "list", "--plain"]), ("ana", ["referral", "show", "--plain", "IDVA-1"]),
            ("ad2", ["referral", "show", "--plain", "IDVA-1"]), ("idv", ["referral", "screen", "IDVA-1", "--accept"]),
            ("age", ["referral", "screen", "IDVA-1", "--accept"]), ("idv", ["meeting", "create", "2030-02-10"]),
            ("age", ["meeting", "heard", "2030-01-10", "AGENDA-1"]), ("idv", ["export", "referrals", "--plain"]),
            ("ana", ["export", "referrals", "--plain"]), ("ad2", ["export", "referrals", "--plain"]), ("idv", ["stats", "--year", "2030"]),
            ("age", ["stats", "--year", "2030"]), ("ana", ["stats", "--year", "2030", "--no-suppress"]),
            ("coo", ["user", "add", "someone", "--name", "S", "--role", "idva"]), ("idv", ["user", "list"]),
            ("idv", ["audit", "verify"]), ("age", ["audit"]), ("ana", ["config", "set", "retention-months", "24"]),
            ("idv", ["referral", "lapse"]), ("ad2", ["action", "list", "--plain"]), ("ana", ["action", "list", "--plain"]),
            ("non", ["referral", "list", "--plain"]), ("non", ["stats", "--year", "2030"]), ("non", ["user", "list"]),
            ("age", ["action", "add", "AGENDA-1", "--agency", "police", "--owner", "DC", "--due", "2030-02-01", "More"]),
            // Data protection (issue 13): purge and subject access are the coordinator's; lawful bases are not an agency's.
            ("idv", ["purge", "--dry-run"]), ("ad2", ["purge"]), ("ana", ["purge"]),
            ("idv", ["person", "export", "1", "--out", "/tmp/marac-matrix-sar-\(m.tag)", "--plain"]),
            ("ad2", ["person", "export", "1", "--out", "/tmp/marac-matrix-sar-\(m.tag)", "--plain"]),
            ("age", ["lawful-basis", "list"]), ("idv", ["lawful-basis", "add", "x", "UK GDPR"]),
            // One person, one record (issue 20): the coordinator's alone.
            ("idv", ["person", "duplicates"]), ("age", ["person", "duplicates"]), ("ana", ["person", "duplicates"]),
            ("idv", ["person", "merge", "1", "2", "--reason", "one person"]), ("ad2", ["person", "merge", "1", "2", "--reason", "one person"]),
            ("age", ["person", "unmerge", "1"]), ("ana", ["person", "dismiss", "1", "2", "--reason", "two people"]),
        ]
        for (role, arguments) in refused {
            let before = m.state()
            let direct = Sh.sh("cd / && runuser -u \(m.login(role)) -- \(m.binary) " + arguments.map { "'\($0)'" }.joined(separator: " ") + " 2>/dev/null")
            #expect(direct.status == 77, "\(role) \(arguments): \(direct.status)")
            #expect(direct.out.isEmpty, "\(role) \(arguments) showed: \(direct.out)")
            #expect(m.state() == before, "\(role) \(arguments) wrote something")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/marac-matrix-sar-\(m.tag)"), "a refused subject access request wrote a file")
        let stranger = m.run("non", "referral", "list", "--plain")
        #expect(stranger.out.contains("is not a marac user") && stranger.out.contains(m.login("adm")), "\(stranger.out)")

        // Break-glass: one case, with a reason, logged and listed for review.
        let glass = m.run("idv", "referral", "show", "--plain", "HIDDEN-1", "--break-glass", "victim in A&E, keyworker off sick")
        #expect(glass.status == 0 && glass.out.contains("Hilda"))
        let review = m.shown("coo", "audit", "break-glass", "--format", "csv").out
        #expect(review.contains(m.login("idv")) && review.contains("keyworker off sick") && review.contains("HIDDEN-1"))

        // Who saw what: the IDVA's read of their case is on its access record.
        let access = m.shown("coo", "audit", "access", "IDVA-1", "--format", "csv").out
        #expect(access.contains(m.login("idv")) && access.contains("viewReferral"), "\(access)")

        // Disabled: refused like a stranger, never deleted.
        #expect(m.run("adm", "user", "disable", m.login("idv")).status == 0)
        #expect(m.run("idv", "referral", "list", "--plain").status == 77)
        #expect(m.shown("adm", "user", "list", "--format", "csv").out.contains("\(m.login("idv")),An IDVA,idva,,no"))
        #expect(m.run("adm", "audit", "verify").status == 0)
    }
}
