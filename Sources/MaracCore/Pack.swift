/// The one rule for output that carries identities: whether it may be written
/// as it is, must be encrypted, or must be refused. Identities leave the MARAC
/// only encrypted, unless the coordinator says plain on purpose; plain text to
/// their own terminal stays as it always was.
public enum PackRule {
    /// Where the output goes.
    public enum Sink: Sendable, Equatable {
        /// The person's own terminal (standard output is a terminal).
        case terminal
        /// A named file.
        case file
        /// Standard output that is not a terminal: a pipe or a redirect.
        case pipe
    }

    /// What the person asked for.
    public struct Request: Sendable, Equatable {
        /// Public keys given directly.
        public var keys: Int
        /// Agencies whose stored keys to use.
        public var agencies: Int
        public var passphrase: Bool
        public var plain: Bool

        public init(keys: Int = 0, agencies: Int = 0, passphrase: Bool = false, plain: Bool = false) {
            self.keys = keys
            self.agencies = agencies
            self.passphrase = passphrase
            self.plain = plain
        }

        var wantsEncryption: Bool { keys > 0 || agencies > 0 || passphrase }
    }

    public enum Decision: Sendable, Equatable {
        /// Write the text as it is.
        case plain
        /// Write an age file.
        case encrypt
    }

    /// Why a request cannot be met; the front end words how to go on.
    public enum Refusal: Error, Sendable, Equatable {
        /// Identities would go to a file or pipe with no protection chosen.
        case needsProtection
        /// Plain and encrypted at once.
        case plainAndEncrypted
        /// A passphrase with keys given directly: an age passphrase file
        /// carries no other recipient.
        case passphraseWithKeys
        /// An encrypted file is binary: it goes to a file or a pipe, not a screen.
        case encryptedToTerminal
    }

    public static func decide(_ request: Request, sink: Sink) throws(Refusal) -> Decision {
        if request.plain, request.wantsEncryption { throw .plainAndEncrypted }
        if request.passphrase, request.keys > 0 { throw .passphraseWithKeys }
        if request.wantsEncryption {
            if sink == .terminal { throw .encryptedToTerminal }
            return .encrypt
        }
        if request.plain || sink == .terminal { return .plain }
        throw .needsProtection
    }
}

/// Who a pack went to, as the access log records it: an agency by code, a key
/// by its public text (not secret), a passphrase (never its value), the
/// MARAC's own key, or plain text.
public enum PackRecipient: Sendable, Equatable, CustomStringConvertible {
    case agency(String)
    case key(String)
    case passphrase
    case marac

    public var description: String {
        switch self {
        case .agency(let code): "agency \(code)"
        case .key(let key): "key \(key)"
        case .passphrase: "a passphrase holder"
        case .marac: "the MARAC's own key"
        }
    }
}

/// How identities left in one output, for the access log's reason column.
public enum PackDestination: Sendable, Equatable {
    /// Shown on the person's own terminal: an ordinary read, no reason.
    case terminal
    /// Written in plain text to a file or a pipe, on purpose.
    case plainFile
    /// Written as an age file to these recipients.
    case encrypted([PackRecipient])

    /// The access row's reason; nil for an ordinary read.
    public var accessReason: String? {
        switch self {
        case .terminal: nil
        case .plainFile: "written in plain text to a file"
        case .encrypted(let recipients): "sent to " + recipients.map(\.description).joined(separator: ", ") + " in a pack"
        }
    }
}
