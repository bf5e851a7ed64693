import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may read the files marac makes. The database and everything written
/// from it hold special-category data, so by default they are the owner's
/// alone. This is the one place the policy lives. On a shared-server install
/// (the binary setgid `marac`, see `SharedServer`) the database files are the
/// owner's and the `marac` group's, and nobody else's.
public enum FileModes {
    /// Exports, minutes, reports, drafts: always the owner's alone.
    public static let file: mode_t = 0o600
    /// The database (main, -wal, -shm, -journal): owner only, or owner and the
    /// marac group on a shared server.
    public static var databaseFile: mode_t { SharedServer.isActive ? 0o660 : 0o600 }
    /// Folders marac creates for its data (setgid on a shared server, so files
    /// inherit the group).
    public static var directory: mode_t { SharedServer.isActive ? 0o2770 : 0o700 }
    /// The umask set before SQLite or anything else creates a file, so no file
    /// is ever readable by others, not even for a moment or after a crash.
    public static var processMask: mode_t { SharedServer.isActive ? 0o007 : 0o077 }

    /// The files SQLite keeps beside a database.
    public static let sidecars = ["-wal", "-shm", "-journal"]

    /// Sets the process umask. Idempotent; called first thing by every entry
    /// point and again whenever a database is opened.
    public static func restrictProcess() {
        umask(processMask)
    }

    /// Tightens a database and its side files to `databaseFile`, whether they were
    /// just created or already existed with looser modes. Missing files are
    /// skipped. Returns the paths it could not tighten (not ours, say).
    @discardableResult
    public static func tightenDatabase(at path: String) -> [String] {
        var failed: [String] = []
        for candidate in [path] + sidecars.map({ path + $0 }) {
            var info = stat()
            guard lstat(candidate, &info) == 0 else { continue }
            // Never follow a link someone planted beside the database.
            guard (info.st_mode & S_IFMT) == S_IFREG else { failed.append(candidate); continue }
            if info.st_mode & 0o7777 != databaseFile, chmod(candidate, databaseFile) != 0 { failed.append(candidate) }
        }
        return failed
    }

    /// Creates (or replaces the contents of) a file readable by its owner only.
    /// An existing file is truncated and its mode tightened; a symbolic link is refused.
    public static func create(atPath path: String, contents: Data = Data()) throws {
        let handle = try openForWriting(atPath: path)
        defer { try? handle.close() }
        try handle.write(contentsOf: contents)
        try handle.synchronize()
    }

    /// Opens a file for writing from the start, creating it owner-only, or
    /// truncating and tightening it when it exists.
    public static func openForWriting(atPath path: String) throws -> FileHandle {
        restrictProcess()
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, file)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        // Tighten a regular file; a device or pipe (/dev/null, a FIFO) is not ours to change.
        var info = stat()
        let regular = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        if regular, info.st_mode & 0o7777 != file, fchmod(fd, file) != 0 {
            close(fd)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Creates one new folder that only its owner can enter, whatever the
    /// install (a backup's plain copy waits there while it is encrypted).
    /// Fails when the name exists.
    public static func createPrivateDirectory(atPath path: String) throws {
        restrictProcess()
        guard mkdir(path, 0o700) == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// Creates a folder (and its parents) with `directory` permissions.
    public static func createDirectory(atPath path: String) throws {
        restrictProcess()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: Int(directory)])
    }
}
