internal import MaracStore
import Foundation
import MaracAge

/// Writes one output that carries identities: plain, or as an age file
/// streamed chunk by chunk (a million-row export is never held whole). A
/// named file is created owner-only (`FileModes`); a file that cannot be
/// finished is removed, so no half-written pack is left behind.
public final class PackWriter {
    private let handle: FileHandle
    private let path: String?
    private var encryptor: AgeEncryptor?
    private var failed = false

    /// - Parameters:
    ///   - path: the file to write, or nil for standard output.
    ///   - recipients: encrypt to these; nil writes plain text.
    public init(path: String?, recipients: [AgeRecipient]?) throws(CaseError) {
        self.path = path
        if let path {
            do { handle = try FileModes.openForWriting(atPath: path) } catch {
                throw CaseError(.storage, field: "file", "\(TerminalText.escape(path)) cannot be written")
            }
        } else {
            handle = FileHandle.standardOutput
        }
        guard let recipients else { return }
        do {
            let handle = self.handle
            encryptor = try AgeEncryptor(recipients: recipients) { try handle.write(contentsOf: $0) }
        } catch {
            abandon()
            throw Self.caseError(error, path: path)
        }
    }

    public var isEncrypted: Bool { encryptor != nil }

    public func write(_ text: String) throws(CaseError) { try write(Data(text.utf8)) }

    public func write(_ data: Data) throws(CaseError) {
        do {
            if let encryptor { try encryptor.write(data) } else { try handle.write(contentsOf: data) }
        } catch {
            abandon()
            throw Self.caseError(error, path: path)
        }
    }

    /// Seals the last chunk and closes the file.
    public func finish() throws(CaseError) {
        do {
            try encryptor?.finish()
            if path != nil {
                try handle.synchronize()
                try handle.close()
            }
        } catch {
            abandon()
            throw Self.caseError(error, path: path)
        }
    }

    /// Removes a file that could not be completed (nothing for standard output).
    public func abandon() {
        guard !failed else { return }
        failed = true
        if let path {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    static func caseError(_ error: Error, path: String?) -> CaseError {
        if let error = error as? AgeError { return CaseError(.invalid, field: "pack", error.description) }
        return CaseError(.storage, field: "file", "\(path.map(TerminalText.escape) ?? "standard output") could not be written")
    }
}
