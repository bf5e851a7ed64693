import MaracCore
import Testing

/// The one decision about output with identities: plain only to one's own
/// terminal or on purpose; otherwise encrypted, or refused.
@Suite struct PackRuleTests {
    typealias Request = PackRule.Request

    @Test func plainToTheTerminalStaysAsItWas() throws {
        #expect(try PackRule.decide(Request(), sink: .terminal) == .plain)
        #expect(try PackRule.decide(Request(plain: true), sink: .terminal) == .plain)
    }

    @Test func aFileOrPipeNeedsAChoice() throws {
        for sink in [PackRule.Sink.file, .pipe] {
            #expect(throws: PackRule.Refusal.needsProtection) { try PackRule.decide(Request(), sink: sink) }
            #expect(try PackRule.decide(Request(plain: true), sink: sink) == .plain)
            #expect(try PackRule.decide(Request(keys: 1), sink: sink) == .encrypt)
            #expect(try PackRule.decide(Request(agencies: 2), sink: sink) == .encrypt)
            #expect(try PackRule.decide(Request(passphrase: true), sink: sink) == .encrypt)
            #expect(try PackRule.decide(Request(agencies: 1, passphrase: true), sink: sink) == .encrypt)
        }
    }

    @Test func contradictionsAreRefused() throws {
        #expect(throws: PackRule.Refusal.plainAndEncrypted) { try PackRule.decide(Request(keys: 1, plain: true), sink: .file) }
        #expect(throws: PackRule.Refusal.plainAndEncrypted) { try PackRule.decide(Request(passphrase: true, plain: true), sink: .pipe) }
        #expect(throws: PackRule.Refusal.passphraseWithKeys) { try PackRule.decide(Request(keys: 1, passphrase: true), sink: .file) }
        #expect(throws: PackRule.Refusal.encryptedToTerminal) { try PackRule.decide(Request(keys: 1), sink: .terminal) }
    }

    @Test func theAccessReasonNamesRecipientsNeverAPassphrase() {
        #expect(PackDestination.terminal.accessReason == nil)
        #expect(PackDestination.plainFile.accessReason == "written in plain text to a file")
        #expect(PackDestination.encrypted([.agency("police"), .key("age1abc")]).accessReason
                == "sent to agency police, key age1abc in a pack")
        #expect(PackDestination.encrypted([.passphrase]).accessReason == "sent to a passphrase holder in a pack")
    }
}
