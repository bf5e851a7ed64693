import MaracCore
import MaracCases

/// One referral in full: who, the risk, the criteria, the checklist's Yes
/// answers, the victim's history (the repeat chain) and the actions.
public struct ReferralScreen: Screen {
    enum Command: Sendable { case up, down, nextLink, previousLink, open, edit, history, accept, decline, incident, back, perpetrator, returns, transferOut }

    static let allKeys = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "scroll down", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "scroll up", .up, hint: false),
        KeyBinding([.tab], "next case", "highlight the next referral listed (earlier referrals, linked cases)", .nextLink, hint: false),
        KeyBinding([.backTab], "prev case", "highlight the previous referral listed", .previousLink, hint: false),
        KeyBinding([.enter], "open", "open the highlighted referral", .open),
        KeyBinding([.char("e")], "edit", "edit the referral's details and checklist", .edit),
        KeyBinding([.char("P")], "perpetrator", "the perpetrator's page: every victim you may see, risk over time, serial or not", .perpetrator, hint: false),
        KeyBinding([.char("f")], "returns", "the research returns of the case's latest meeting, in full (Tab to one, Enter opens it)", .returns, hint: false),
        KeyBinding([.char("H")], "history", "the case's history: every correction, from what to what, who, when, why", .history),
        KeyBinding([.char("a")], "accept", "screen in for MARAC and list it on the next meeting", .accept),
        KeyBinding([.char("x")], "decline", "decline with a reason (when received)", .decline),
        KeyBinding([.char("I")], "incident", "log an incident heard of since: a repeat goes to the coordinator's triage", .incident),
        KeyBinding([.char("T")], "transfer", "send the case to another MARAC (the coordinator)", .transferOut, hint: false),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public let ref: String
    public var title: String { "Referral \(ref)" + (breakGlass == nil ? "" : " (break-glass: logged for review)") }
    public var hints: String { keymap.hints }
    public var helpLines: [(keys: String, help: String)] { keymap.helpLines }
    /// The case's status when last read: screening keys exist only for a referral just received.
    var status: ReferralStatus?
    /// The case's band when last read: a HIGH-risk case needs a fuller decline reason.
    var band: RiskBand?
    /// The perpetrator when one is recorded: `P` opens their page.
    var perpetratorID: Int64?

    /// The keys legal for the case as it stands (Core decides).
    var keymap: Keymap<Command> {
        Self.allKeys.filtered { command in
            switch command {
            case .accept, .decline: status?.canBeScreened == true
            // Issue 23: those the policy lets log incidents (an agency user for their own agency).
            case .incident: incidentAgency != nil
            case .perpetrator: perpetratorID != nil
            // Issue 25: those the policy lets send cases to another MARAC (the coordinator).
            case .transferOut: mayTransfer
            default: true
            }
        }
    }

    var lines: [(String, CellStyle)] = []
    /// The other referrals listed on the page (line, reference), and the
    /// research returns (line, this case, the meeting): each opens.
    var links: [(line: Int, ref: String, meeting: Day?)] = []
    /// The latest meeting the case was on, whose returns the page shows.
    var returnsMeeting: Day?
    /// Which of `links` is highlighted; nil until Tab.
    var link: Int?
    var scroll = 0
    var height = 10

    /// Who may log an incident here, when last read: nil, nobody; "" the
    /// coordinator (any agency); else the agency user's own agency (not asked).
    var incidentAgency: String?
    /// The policy lets this person send the case to another MARAC, when last read.
    var mayTransfer = false
    var today: Day?

    /// Set when the case was opened outside the person's scope: the reason given.
    public let breakGlass: String?

    public init(ref: String, breakGlass: String? = nil) {
        self.ref = ref
        self.breakGlass = breakGlass
    }

    public mutating func reload(_ session: Session, rows: Int) throws {
        height = rows
        let d = try session.referral(ref, breakGlass: breakGlass)
        today = session.today
        incidentAgency = (try? session.whoAmI()).flatMap { user in
            Policy.grant(user.roles, .logIncident).map { $0.isAll ? "" : user.agency ?? "" }
        }
        mayTransfer = (try? session.whoAmI()).map { Policy.grant($0.roles, .transferOut) != nil } ?? false
        status = d.referral.status
        perpetratorID = d.perpetrator?.id
        band = d.referral.band
        let r = d.referral
        var out: [(String, CellStyle)] = []
        let band = Draw.band(r.band)
        out.append(("\(r.ref)  \(r.status.words.uppercased())  risk \(band.0) \(r.ricScore.map { "(\($0) on \(r.ricVersion.rawValue))" } ?? "")", .bold))
        out.append(("Referred \(r.referredOn) by \(Draw.agency(r.referringAgency))\(r.secondAgency.map { " and \(Draw.agency($0)) (joint)" } ?? "")\(r.referrer.map { ", \($0)" } ?? "")", .plain))
        out.append(("Criteria: \(r.criteria.isEmpty ? "none" : r.criteria.map(\.words).joined(separator: ", "))\(r.isRepeat ? "  (REPEAT)" : "")", .plain))
        if let reason = r.judgementReason { out.append(("Judgement: \(reason)", .plain)) }
        if let reason = r.declineReason { out.append(("Declined: \(reason)", .plain)) }
        out.append(("Consent: \(r.consent.words)\(r.consentNote.map { " — \($0)" } ?? "")", .plain))
        if r.consent.sharesWithoutConsent {
            // Shared without consent: why, on what basis, who decided (screening in refuses it without the first two).
            out.append(("  shared because: \(r.sharingReason?.words ?? "NOT RECORDED") · lawful basis: \(r.lawfulBasis ?? "NOT RECORDED")"
                        + (r.consentDecidedBy.map { " · decided by \($0)" } ?? ""), .plain))
        }
        out.append(("", .plain))
        let v = d.victim
        out.append(("Victim: \(v.name)  born \(v.dob?.description ?? "unknown")  \(v.gender.rawValue)  \(v.postcode ?? "")", .bold))
        // Issue 10: how the victim may be contacted, in words, next to their name.
        // One flag a line, so none is cut off at 80 columns.
        let safety = SafetyFlags(plain: r.plain).words
        if safety.isEmpty { out.append(("  Safety: none recorded", .plain)) }
        for (index, words) in safety.enumerated() {
            out.append(((index == 0 ? "  Safety: " : "          ") + words, CellStyle(bold: true, colour: .warning)))
        }
        out.append(("  Keyworker: \(r.plain["keyworker"] ?? "none")", .plain))
        // Every other plain field of the field table, by its label: a field added
        // there shows here with no code of its own (police reference, interpreter…).
        for field in ReferralField.plain where field.column != "keyworker" && !SafetyFlags.columns.contains(field.column) {
            if let value = r.plain[field.column] { out.append(("  \(field.label): \(value)", .plain)) }
        }
        // Issue 10, defect 7: the other names the victim is known by.
        if !d.aliases.isEmpty { out.append(("  also known as \(d.aliases.joined(separator: "; "))", .plain)) }
        out.append(("  ethnicity \(v.ethnicity.rawValue) · disability \(v.disability.rawValue) · LGBT+ \(v.lgbt.rawValue) · children in household \(r.childrenInHousehold)", .plain))
        for child in d.children {
            out.append(("  child: \(child.name)\(child.dob.map { ", born \($0)" } ?? "")\(child.livesWith.map { ", lives with \($0)" } ?? "")", .plain))
        }
        if let p = d.perpetrator {
            out.append(("Perpetrator: \(p.name)  born \(p.dob?.description ?? "unknown")\(r.relationship.map { "  (\($0))" } ?? "")", .bold))
        }
        var links: [(line: Int, ref: String, meeting: Day?)] = []
        // Issue 10: linked cases, the same perpetrator against other victims.
        if !d.linkedCases.isEmpty {
            out.append(("Linked cases: same perpetrator, other victims (Tab, Enter opens)", .bold))
            for c in d.linkedCases {
                links.append((out.count, c.ref, nil))
                let safety = c.safety.brief
                out.append(("  \(c.ref)  \(c.referredOn)  \(Draw.band(c.band).0)  \(c.status.words)  victim \(c.victimName)\(safety.isEmpty ? "" : "  · \(safety)")", .plain))
            }
        }
        if let answers = r.ricAnswers {
            out.append(("", .plain))
            out.append(("Checklist: Yes to", .bold))
            for (i, letter) in answers.enumerated() where letter == "Y" {
                out.append(("  \(i + 1). \(r.ricVersion.questions[i])", .plain))
            }
        }
        out.append(("", .plain))
        out.append(("Victim's referrals (newest first)", .bold))
        for h in d.victimHistory {
            if h.ref != r.ref { links.append((out.count, h.ref, nil)) }
            out.append(("  \(h.ref)  \(h.referredOn)  \(Draw.band(h.band).0)  \(h.status.words)\(h.isRepeat ? "  repeat" : "")", h.ref == r.ref ? .bold : .plain))
        }
        // Issue 22: each agency's research return for the latest meeting, a line
        // each, in the reader's scope (an agency reads its own; an IDVA none).
        returnsMeeting = d.meetings.max()
        if let meeting = returnsMeeting {
            out.append(("", .plain))
            do {
                let returns = try session.researchReturns(on: meeting, ref: ref).sorted { $0.agency < $1.agency }
                out.append(("Research returns for \(meeting)\(returns.isEmpty ? ": none recorded" : " (Tab to one, Enter or f shows it in full)")", .bold))
                for line in ResearchPanel.lines(returns, width: 1_000) where !line.0.hasPrefix("  ") {
                    links.append((out.count, ref, meeting))
                    out.append(("  " + line.0, .plain))
                }
            } catch {
                guard error.kind == .notPermitted else { throw error }
                out.append(("Research returns: not shown to your role", .dim))
            }
        }
        self.links = links
        if let current = link, current >= links.count { link = links.isEmpty ? nil : links.count - 1 }
        // Issue 10: the meetings the case was on, and what each agency shared there, dated.
        out.append(("", .plain))
        out.append(("Meetings: \(d.meetings.isEmpty ? "none yet" : d.meetings.map(\.description).joined(separator: ", "))", .bold))
        for entry in d.shared {
            out.append(("  Shared at \(entry.meeting):", .plain))
            for line in entry.text.split(separator: "\n") { out.append(("    \(line)", .plain)) }
        }
        out.append(("", .plain))
        out.append(("Actions", .bold))
        if d.actions.isEmpty { out.append(("  none", .dim)) }
        for a in d.actions {
            let state = a.isOverdue(today: session.today) ? "OVERDUE" : a.status.rawValue
            out.append(("  #\(a.id) \(Draw.agency(a.agency)) · \(a.owner) · due \(a.due) · \(state) · \(a.description)", a.isOverdue(today: session.today) ? CellStyle(bold: true, colour: .warning) : .plain))
        }
        out.append(("", .plain))
        out.append(("Created \(r.createdAt) by \(r.createdBy); updated \(r.updatedAt) by \(r.updatedBy)", .dim))
        lines = out
        scroll = min(scroll, max(0, lines.count - height))
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = keymap.command(for: key) else { return [] }
        switch command {
        case .down: scroll = min(scroll + 1, max(0, lines.count - height))
        case .up: scroll = max(0, scroll - 1)
        case .nextLink, .previousLink:
            guard !links.isEmpty else { return [.message("No other referrals listed on this page.")] }
            let step = command == .nextLink ? 1 : -1
            link = ((link ?? (step > 0 ? -1 : 0)) + step + links.count) % links.count
            // Scroll so the highlighted line is on screen.
            let line = links[link ?? 0].line
            if line < scroll || line >= scroll + height { scroll = min(max(0, line - height / 2), max(0, lines.count - height)) }
        case .open:
            guard let link, links.indices.contains(link) else { return [.message("Tab highlights a referral or a research return to open.")] }
            if let meeting = links[link].meeting { return [.push(.researchInFull(links[link].ref, meeting: meeting))] }
            return [.push(.referral(links[link].ref))]
        case .returns:
            guard let meeting = returnsMeeting else { return [.message("The case has not been on a meeting's agenda: no research returns yet.")] }
            return [.push(.researchInFull(ref, meeting: meeting))]
        case .accept: return [.request(.screenIn(ref: ref, meeting: nil))]
        case .decline: return [DeclinePrompt.ask(ref, band: band)]
        // The form opens over the referral as stored now (the app reads it afresh).
        case .edit: return [.push(.editReferral(ref))]
        case .history: return [.push(.history(ref, breakGlass: breakGlass))]
        case .incident:
            guard let agency = incidentAgency, let today else { return [] }
            return [IncidentPrompts(ref: ref, today: today, fixedAgency: agency.isEmpty ? nil : agency).ask]
        case .perpetrator: return perpetratorID.map { [.push(.perpetrator($0))] } ?? []
        case .transferOut:
            guard mayTransfer, let today else { return [] }
            return [TransferPrompts(ref: ref, today: today).ask]
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        let highlighted = link.flatMap { links.indices.contains($0) ? links[$0].line : nil }
        for (row, index) in (scroll..<min(lines.count, scroll + area.height)).enumerated() {
            var style = lines[index].1
            if index == highlighted { style.reverse = true }
            buffer.put(lines[index].0, x: area.x + 1, y: area.y + row, style: style, limit: area.width - 1)
        }
    }
}
