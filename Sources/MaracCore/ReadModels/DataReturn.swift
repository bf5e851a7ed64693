/// One meeting's line of the SafeLives MARAC data return: the counts the
/// data form asks for, over the cases heard at that meeting (a case is heard
/// on the day its `heard_on` says). Joint referrals count 0.5 to the police
/// and 0.5 to the partner agency, as in the referral routes.
public struct MeetingReturn: Sendable, Equatable {
    public var heldOn: Day
    public var casesDiscussed = 0
    public var repeatCases = 0
    public var children = 0
    public var policeReferrals = 0.0
    public var partnerAgencyReferrals = 0.0
    public var raciallyMinoritised = 0
    public var lgbt = 0
    public var disabled = 0
    public var male = 0
    public var aged16to17 = 0
    public var perpetrators17OrUnder = 0

    public init(heldOn: Day) { self.heldOn = heldOn }

    /// The form's columns in its order, each with its value.
    public var counts: [Double] {
        [Double(casesDiscussed), Double(repeatCases), Double(children), policeReferrals, partnerAgencyReferrals,
         Double(raciallyMinoritised), Double(lgbt), Double(disabled), Double(male), Double(aged16to17), Double(perpetrators17OrUnder)]
    }

    /// Column keys (CSV and JSON) and the form's words, in the form's order;
    /// docs/figures.md defines each.
    public static let columns: [(key: String, label: String, halves: Bool)] = [
        ("cases_discussed", "Cases discussed", false),
        ("repeat_cases", "Repeat cases", false),
        ("children", "Children in the households", false),
        ("police_referrals", "Referred by the police", true),
        ("partner_agency_referrals", "Referred by partner agencies", true),
        ("racially_minoritised", "Victims racially minoritised", false),
        ("lgbt", "Victims LGBT+", false),
        ("disabled", "Victims disabled", false),
        ("male", "Victims male", false),
        ("aged_16_17", "Victims aged 16–17", false),
        ("perpetrators_17_or_under", "Perpetrators aged 17 or under", false),
    ]
}

/// The names figures are shown with: the MARAC's (a setting) and each
/// agency's, by code (the agency table). Figures are kept by code; only what
/// people read shows the names.
public struct FiguresNames: Sendable, Equatable {
    public var maracName: String?
    public var agencies: [String: String]

    public init(maracName: String? = nil, agencies: [String: String] = [:]) {
        self.maracName = maracName
        self.agencies = agencies
    }

    /// An agency's name; where the table has none, the route's name or the
    /// code in words (`Children's social care`, never `childrens_social_care`: issue 22).
    public func agency(_ code: String) -> String {
        agencies[code] ?? ReferralRoute(rawValue: code)?.displayName ?? code.replacingOccurrences(of: "_", with: " ")
    }

    /// "Bromley MARAC", or "MARAC" until the setting is made.
    public var marac: String { maracName ?? "MARAC" }
}
