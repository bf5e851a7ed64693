/// marac's version, in this one place: `marac --version` prints it and
/// `scripts/package` names the Debian package from that output.
public enum MaracVersion {
    public static let text = "0.9.0"
}

/// What a `--db` value (or `MARAC_DB`) names. A value with a scheme
/// (`postgresql://…`, `file://…`, any `scheme://`) is a connection string,
/// never a file path: this build opens SQLite files only, so it is refused
/// before anything is created.
public enum DatabaseLocation: Equatable, Sendable {
    case file(String)
    /// A URL; only its scheme is kept (the rest may hold a user or password).
    case url(scheme: String)

    public init(_ text: String) {
        if let range = text.range(of: "://") {
            let scheme = text[..<range.lowerBound]
            if let first = scheme.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
               scheme.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }) {
                self = .url(scheme: scheme.lowercased())
                return
            }
        }
        self = .file(text)
    }

    /// The one line a refused URL gets: the kind of database, never the value.
    public var refusal: String? {
        guard case .url(let scheme) = self else { return nil }
        if scheme == "postgresql" || scheme == "postgres" {
            return "PostgreSQL is not supported yet by this build: give --db a SQLite file path"
        }
        return "a URL is not a database file: give --db a SQLite file path"
    }
}
