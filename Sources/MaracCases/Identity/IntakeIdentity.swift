internal import MaracStore
internal import GRDB

/// Who the victim and perpetrator of a referral being logged are (issue 20).
/// A folded-equal name with the same date of birth is the same person,
/// automatically. A near match is never decided silently: the person logging
/// says "the same person as ID" or "a new person"; without a choice the
/// referral is refused, the candidates named by id only. Runs inside the
/// caller's transaction.
struct IntakeIdentity {
    let choices: IdentityChoices
    /// The records the person logging may see (their scope for opening
    /// referrals): a person chosen must have a case within it.
    let scope: (sql: String, arguments: StatementArguments)
    /// The ids chosen come from a stored record, not from a person typing
    /// (a Clare's Law request referred to MARAC, issue 23): used as they are.
    var storedChoices = false

    func person(_ db: Database, _ input: PersonInput, role: PersonRole) throws -> (id: Int64, isNew: Bool) {
        switch choices.choice(for: role) {
        case .existing(let chosen):
            let person = storedChoices ? chosen : try Self.checked(db, chosen, role: role, scope: scope)
            return try ReferralPeople.person(db, input, role: role, existing: person)
        case .new:
            return try ReferralPeople.person(db, input, role: role)
        case nil:
            if try PersonMatching.exact(db, input.identity, role: role) == nil {
                let found = try PersonMatching.candidates(db, Self.identity(input), role: role)
                if !found.isEmpty { throw Self.undecided(role, found) }
            }
            return try ReferralPeople.person(db, input, role: role)
        }
    }

    static func identity(_ input: PersonInput) -> NearMatch.Identity {
        NearMatch.Identity(name: input.name, dob: input.dob, aliases: input.aliases)
    }

    /// A near match nobody decided: refused, the candidates by id and rule, never by name.
    static func undecided(_ role: PersonRole, _ found: [PersonMatching.Candidate]) -> CaseError {
        let list = found.map { "person \($0.personID) (\($0.reason.rawValue))" }.joined(separator: ", ")
        return CaseError(.invalid, field: role.rawValue,
                         "may be a person already recorded: \(list); say whether this is the same person or a new one; nothing was written",
                         hint: .decidePerson(role))
    }

    /// The person chosen, followed to the one kept if merged: one of that
    /// role with a case the chooser may see. Otherwise refused with the same
    /// words whether or not they exist, so a guessed id confirms nothing.
    static func checked(_ db: Database, _ id: Int64, role: PersonRole, scope: (sql: String, arguments: StatementArguments)) throws -> Int64 {
        let notFound = CaseError(.notFound, field: role.rawValue, "the person chosen is not a recorded \(role.rawValue) whose cases you can see")
        guard let stored = try PersonMatching.identity(db, personID: id, role: role) else { throw notFound }
        let person = stored.mergedInto ?? id
        guard try PersonMatching.hasCaseInScope(db, personID: person, scope: scope) else { throw notFound }
        return person
    }
}

extension Session {
    /// The people already recorded whom a referral's victim and perpetrator
    /// may be (near matches; none when the exact rule decides), with their
    /// cases within the reader's scope, for the form and `referral add` at a
    /// terminal to ask about. Fields that do not validate have none: logging
    /// them reports the problems. The names and cases shown are recorded as read.
    public func possibleExistingPeople(_ fields: [String: String]) throws(CaseError) -> [PossibleExistingPerson] {
        guard let input = try? ReferralInput.validate(fields.filter { !ReferralField.setByMarac.contains($0.key) }, today: today) else { return [] }
        return try write(.logReferral) { db, permit in
            let scope = viewScope(permit)
            var people: [PossibleExistingPerson] = []
            var named: [(role: PersonRole, person: PersonInput)] = [(.victim, input.victim)]
            if let perpetrator = input.perpetrator { named.append((.perpetrator, perpetrator)) }
            for (role, person) in named {
                guard try PersonMatching.exact(db, person.identity, role: role) == nil else { continue }
                for candidate in try PersonMatching.candidates(db, IntakeIdentity.identity(person), role: role) {
                    let cases = try PersonMatching.cases(db, personID: candidate.personID, scope: scope)
                    let shown = cases.isEmpty ? nil : try PersonMatching.shown(db, personID: candidate.personID)
                    people.append(PossibleExistingPerson(personID: candidate.personID, role: role, reason: candidate.reason,
                                                         name: shown?.name, dob: shown?.dob, cases: cases))
                }
            }
            let seen = people.filter { $0.name != nil }
            if !seen.isEmpty {
                try recordAccess(db, permit, referralIDs: seen.flatMap { $0.cases.map(\.id) }, personIDs: seen.map(\.personID))
            }
            return people
        }
    }

    /// The scope in which the acting person opens referrals: what a
    /// candidate's cases are shown (and chosen) within.
    func viewScope(_ permit: Permit) -> (sql: String, arguments: StatementArguments) {
        guard let grant = Policy.grant(permit.user.roles, .viewReferral) else { return ("0", []) }
        return ScopeSQL.referral(grant, login: actor.name, today: today)
    }
}
