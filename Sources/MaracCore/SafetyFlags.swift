/// How the victim may safely be contacted, recorded on the referral (issue
/// 10): safe to call on the safe number, do not contact at home, the
/// perpetrator unaware of the referral, an interpreter needed. Stored as
/// plain fields of the field table; shown in words wherever the victim is
/// shown, never as a colour alone and never as a code.
public struct SafetyFlags: Sendable, Equatable {
    public static let safeToCall = "safe_to_call"
    public static let doNotContactAtHome = "do_not_contact_at_home"
    public static let perpetratorUnaware = "perpetrator_unaware"
    public static let interpreterLanguage = "interpreter_language"
    public static let columns = [safeToCall, doNotContactAtHome, perpetratorUnaware, interpreterLanguage]

    /// yes, no or unknown; nil when not recorded.
    public var safeToCall: String?
    public var doNotContactAtHome: Bool
    /// yes, no or unknown; nil when not recorded.
    public var perpetratorUnaware: String?
    /// The language, when an interpreter is needed.
    public var interpreterLanguage: String?

    public init(safeToCall: String? = nil, doNotContactAtHome: Bool = false, perpetratorUnaware: String? = nil,
                interpreterLanguage: String? = nil) {
        self.safeToCall = safeToCall
        self.doNotContactAtHome = doNotContactAtHome
        self.perpetratorUnaware = perpetratorUnaware
        self.interpreterLanguage = interpreterLanguage.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }

    /// From a referral's plain fields, by column.
    public init(plain: [String: String]) {
        self.init(safeToCall: plain[Self.safeToCall], doNotContactAtHome: plain[Self.doNotContactAtHome] == "yes",
                  perpetratorUnaware: plain[Self.perpetratorUnaware], interpreterLanguage: plain[Self.interpreterLanguage])
    }

    /// In full, most urgent first: the referral page, the meeting screen, `referral show`.
    public var words: [String] {
        var out: [String] = []
        if doNotContactAtHome { out.append("DO NOT CONTACT AT HOME") }
        switch safeToCall {
        case "no": out.append("NOT safe to call on the safe number")
        case "yes": out.append("safe to call on the safe number")
        case "unknown": out.append("not known if safe to call on the safe number")
        default: break
        }
        switch perpetratorUnaware {
        case "yes": out.append("perpetrator unaware of the referral")
        case "no": out.append("perpetrator aware of the referral")
        case "unknown": out.append("not known if the perpetrator is aware of the referral")
        default: break
        }
        if let language = interpreterLanguage { out.append("interpreter needed (\(language))") }
        return out
    }

    /// Short words for a table row (triage queue, agenda, search): the
    /// warnings only, since a row has no room for what is safe.
    public var brief: String {
        var out: [String] = []
        if doNotContactAtHome { out.append("no home contact") }
        if safeToCall == "no" { out.append("no safe call") }
        if perpetratorUnaware == "yes" { out.append("perp. unaware") }
        if let language = interpreterLanguage { out.append("interpreter: \(language)") }
        return out.joined(separator: " · ")
    }
}
