internal import MaracStore
import Foundation
internal import GRDB
import MaracAge

/// Who a pack is encrypted to, resolved from what the person asked for:
/// agencies by their stored keys, keys given directly, a passphrase, or the
/// MARAC's own key.
public struct PackRecipients: Sendable {
    /// Keys to encrypt to, with what the access log calls each.
    public var keys: [(recipient: AgeRecipient, as: PackRecipient)]
    /// True when a passphrase must be asked for: one was requested, and no
    /// agency named has a key (or none was named).
    public var needsPassphrase: Bool

    /// The age recipients, given the passphrase when one is needed.
    public func recipients(passphrase: String?) -> [AgeRecipient] {
        if needsPassphrase, let passphrase { return [.passphrase(passphrase)] }
        return keys.map(\.recipient)
    }

    /// The access log's account of where the pack went.
    public var destination: PackDestination {
        needsPassphrase ? .encrypted([.passphrase]) : .encrypted(keys.map(\.as))
    }
}

extension Session {
    /// Resolves a pack's recipients. An agency with no stored key is refused
    /// unless a passphrase was asked for and no other key is named (an age
    /// passphrase file carries no other recipient). A passphrase with agencies
    /// that all have keys is not needed, and not asked for.
    public func packRecipients(agencies: [String], keys: [String], passphrase: Bool) throws(CaseError) -> PackRecipients {
        var resolved: [(AgeRecipient, PackRecipient)] = []
        var problems: [CaseError.Problem] = []
        for text in keys {
            do { resolved.append((try AgeRecipient(parsing: text), .key(text.trimmingCharacters(in: .whitespaces)))) } catch {
                problems.append(.init(field: "recipient", "is not an age public key (age1…)"))
            }
        }
        var keyless: [String] = []
        if !agencies.isEmpty {
            let found: [(String, AgePublicKey?)] = try read(.viewAgencies) { db, _ in
                try agencies.map { code in (code, try agencyKey(db, code: code)) }
            }
            for (code, key) in found {
                if let key { resolved.append((.x25519(key), .agency(code))) } else { keyless.append(code) }
            }
        }
        if !keyless.isEmpty, !passphrase || !resolved.isEmpty {
            for code in keyless {
                problems.append(.init(field: "agency", passphrase
                    ? "\(code) has no key, and a passphrase cannot be combined with other recipients"
                    : "\(code) has no key stored; store one, or protect the pack with a passphrase"))
            }
        }
        guard problems.isEmpty else { throw CaseError(.invalid, problems) }
        let needsPassphrase = passphrase && resolved.isEmpty
        return PackRecipients(keys: resolved.map { (recipient: $0.0, as: $0.1) }, needsPassphrase: needsPassphrase)
    }

    /// The MARAC's own key as the recipient of files written for the
    /// coordinator (the UI's meeting documents), opened with `open`.
    public func maracPackRecipients() throws(CaseError) -> PackRecipients {
        let key = try write(.viewMaracKey) { db, _ in try maracIdentity(db).publicKey }
        return PackRecipients(keys: [(recipient: .x25519(key), as: .marac)], needsPassphrase: false)
    }
}

extension Session {
    /// Opens a file sent to the MARAC: with its own key, or with the
    /// passphrase given. Only for the coordinator. Every attempt is in the
    /// audit trail, a refused one too (a run of wrong passphrases shows); the
    /// file's contents are not logged.
    public func openPack(_ file: Data, passphrase: String?) throws(CaseError) -> Data {
        let outcome: Result<Data, AgeError> = try write(.openPack) { db, _ in
            let with = passphrase == nil ? "own key" : "passphrase"
            do {
                let plain = if let passphrase {
                    try Age.decrypt(file, passphrase: passphrase)
                } else {
                    try Age.decrypt(file, identities: [try maracIdentity(db)])
                }
                try Audit.record(db, actor: actor, action: "open", entity: "pack", entityID: nil, detail: "bytes=\(file.count) with=\(with)")
                return .success(plain)
            } catch let error as AgeError {
                try Audit.record(db, actor: actor, action: "open_refused", entity: "pack", entityID: nil,
                                 detail: "bytes=\(file.count) with=\(with): \(error.description)")
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let plain): return plain
        case .failure(let error): throw CaseError(.invalid, field: "file", error.description)
        }
    }
}
