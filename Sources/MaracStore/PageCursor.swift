/// Keyset cursors: "date/id" of the last row shown, opaque to users.
package enum Cursor {
    package static func encode(_ key: String, _ id: Int64) -> String { "\(key)/\(id)" }

    /// The key and id a cursor names, or nil when the text is not a cursor.
    package static func decode(_ text: String) -> (String, Int64)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        return (String(parts[0]), id)
    }
}
