import MaracCore
import MaracCases

/// What a key asks the app to do beyond changing the screen's own state.
/// Plain values, so a test compares what a key asked for with `==`, with no
/// terminal and no database.
public enum Effect: Equatable, Sendable {
    /// Open a screen on top (the app builds it; see `ScreenRequest`).
    case push(ScreenRequest)
    case pop
    case quit
    /// Ask for a line of text, starting from `initial`; the question says what the answer is for.
    case ask(Question, initial: String)
    /// Put a question back exactly as it was (its text kept).
    case reprompt(PromptState)
    /// Ask yes or no.
    case confirm(Confirmation)
    /// Ask the use-case layer (one transaction); on success the app says so and reloads,
    /// on failure it says why and the effects after it are not carried out.
    case request(Request)
    /// Fetch the screen's page again (for screens that do not reload on every key).
    case reload
    case message(String)
    /// Highlight this referral on the screen now on top (after a save).
    case focus(String)
    /// Put a value chosen from a picker into the field of the screen on top (issue 22).
    case fill(column: String, value: String)
}

/// A screen to open, as a value: the app makes it, with what only the session
/// knows (today's date, a referral read afresh for editing).
public enum ScreenRequest: Equatable, Sendable {
    /// A perpetrator's page (issue 24).
    case perpetrator(Int64)
    /// Perpetrators ranked by harm (issue 24).
    case perpetratorRanking
    /// A referral's page; with a reason, opened by break-glass (logged for review).
    case referral(String, breakGlass: String? = nil)
    case newReferral
    /// The form over a referral as it is stored now (read when it opens).
    case editReferral(String)
    /// A case's history of corrections (opened the way its page was).
    case history(String, breakGlass: String?)
    case meetings
    case agenda(Day)
    case actions(agency: String? = nil)
    /// One action in full.
    case action(ActionRecord)
    /// Every action of a case in full.
    case caseActions(String)
    case figures
    case confidentiality(Day)
    case search
    /// The people a referral being saved may name already (issue 20), to choose from.
    case possibleExistingPeople([String: String], identity: IdentityChoices)
    /// What was shared at a meeting, entry by entry, to correct or withdraw (issue 20).
    case sharedEntries(Day)
    /// The triage queue, opened from another role's home (issue 22).
    case triage
    /// Every research return of a case at a meeting, in full (issue 22).
    case researchInFull(String, meeting: Day)
    /// A meeting's minutes, read on screen (issue 22).
    case minutes(Day)
    /// Clare's Law requests against their 28-day clock (issue 23).
    case disclosureRequests
    /// A meeting's agenda, read on screen (issue 22).
    case agendaText(Day)
}
