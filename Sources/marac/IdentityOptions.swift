import ArgumentParser
import Foundation
import MaracCore
import MaracCases

/// `referral add`'s answers about a near match (issue 20): the victim or
/// perpetrator is someone already recorded, or new.
struct IdentityOptions: ParsableArguments {
    @Option(name: .customLong("same-person-as"), help: "The victim is this person already recorded (their id).") var samePerson: Int64?
    @Flag(name: .customLong("new-person"), help: "The victim is a new person, whatever near matches there are.") var newPerson = false
    @Option(name: .customLong("same-perpetrator-as"), help: "The perpetrator is this person already recorded (their id).") var samePerpetrator: Int64?
    @Flag(name: .customLong("new-perpetrator"), help: "The perpetrator is a new person, whatever near matches there are.") var newPerpetrator = false

    func validate() throws {
        if samePerson != nil, newPerson { throw ValidationError("give --same-person-as or --new-person, not both") }
        if samePerpetrator != nil, newPerpetrator { throw ValidationError("give --same-perpetrator-as or --new-perpetrator, not both") }
        if let id = samePerson, id <= 0 { throw ValidationError("--same-person-as must be a person's id, a whole number above 0") }
        if let id = samePerpetrator, id <= 0 { throw ValidationError("--same-perpetrator-as must be a person's id, a whole number above 0") }
    }

    var choices: IdentityChoices {
        IdentityChoices(victim: samePerson.map(PersonChoice.existing) ?? (newPerson ? .new : nil),
                        perpetrator: samePerpetrator.map(PersonChoice.existing) ?? (newPerpetrator ? .new : nil))
    }
}

/// At a terminal: the possible existing people listed with their cases the
/// person logging may see, and the question "same person or new?" asked for
/// each of victim and perpetrator not yet decided. On stderr: stdout keeps
/// the referral printed.
enum IdentityQuestion {
    static func ask(_ session: Session, _ fields: [String: String], _ choices: IdentityChoices) throws -> IdentityChoices {
        var choices = choices
        let candidates = try guarded { try session.possibleExistingPeople(fields) }
        for role in [PersonRole.victim, .perpetrator] where choices.choice(for: role) == nil {
            let found = candidates.filter { $0.role == role }
            guard !found.isEmpty else { continue }
            note("Possible existing \(role.rawValue):")
            for person in found { describe(person).forEach(note) }
            let ids = Set(found.map(\.personID))
            while true {
                FileHandle.standardError.write(Data("Same person? Type their id, or n for a new person: ".utf8))
                guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else { return choices }
                if line.lowercased() == "n" {
                    choices = set(choices, role, .new)
                    break
                }
                if let id = Int64(line), ids.contains(id) {
                    choices = set(choices, role, .existing(id))
                    break
                }
            }
        }
        return choices
    }

    private static func set(_ choices: IdentityChoices, _ role: PersonRole, _ choice: PersonChoice) -> IdentityChoices {
        var out = choices
        if role == .victim { out.victim = choice } else { out.perpetrator = choice }
        return out
    }

    /// One candidate: id and rule, and, when the reader may see one of their
    /// cases, name, date of birth and those cases.
    static func describe(_ person: PossibleExistingPerson) -> [String] {
        let line = "  person \(person.personID) (\(person.reason.rawValue))"
        guard let name = person.name else { return [line + ": no case of theirs that you can see"] }
        return [line + ": \(name)" + (person.dob.map { ", born \($0)" } ?? "")]
            + person.cases.map { "    \($0.ref)  \($0.referredOn)  \($0.band)  \($0.status)" }
    }
}
