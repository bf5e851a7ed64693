import Foundation
internal import MaracStore

/// Files marac writes beside the database (reports, drafts, folders of
/// packs): owner-only, or owner and the `marac` group on a shared server.
/// The front ends write local files only through here; the modes themselves
/// are decided once, in the store's `FileModes`.
public enum LocalFiles {
    /// Sets the process umask before anything creates a file.
    public static func restrictProcess() { FileModes.restrictProcess() }

    /// Creates (or replaces) a file readable by its owner only; a symbolic link is refused.
    public static func create(atPath path: String, contents: Data = Data()) throws {
        try FileModes.create(atPath: path, contents: contents)
    }

    /// Creates a folder (and its parents) with the install's folder permissions.
    public static func createDirectory(atPath path: String) throws {
        try FileModes.createDirectory(atPath: path)
    }
}

/// A shared-server install (setgid binary, docs/deployment.md): the database
/// is the one a root-owned setting names, never one the caller chooses.
public enum SharedInstall {
    /// True when this process runs with the group of a setgid binary.
    public static var isActive: Bool { SharedServer.isActive }

    /// The database path from the root-owned setting; the error says what is wrong with it.
    public static func databasePath() throws -> String { try SharedServer.databasePath() }
}
