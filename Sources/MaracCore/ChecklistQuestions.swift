/// The checklist questions are data, not code: the order of 10–24 on the
/// SafeLives form comes from secondary sources (domain.md), so a correction is
/// an edit to this list and nothing else. Wording is paraphrased.
public enum ChecklistQuestions {
    public static let safeLives24: [String] = [
        "Has the current incident resulted in injury?",
        "Is the victim very frightened?",
        "What is the victim afraid of: further injury, being killed, harm to children or others?",
        "Does the victim feel isolated from family, friends or GP?",
        "Is the victim feeling depressed or having suicidal thoughts?",
        "Has the victim separated or tried to separate from the abuser in the past year?",
        "Is there conflict over child contact?",
        "Does the abuser constantly text, call, follow, stalk or harass the victim?",
        "Is the victim pregnant or had a baby in the last 18 months?",
        "Is the abuse happening more often?",
        "Is the abuse getting worse?",
        "Does the abuser try to control everything or show excessive jealousy?",
        "Has the abuser used weapons or objects to hurt the victim?",
        "Has the abuser threatened to kill the victim or someone else, and the victim believed it?",
        "Has the abuser attempted to strangle, choke, suffocate or drown the victim?",
        "Does the abuser do or say degrading or hurtful sexual things?",
        "Is anyone else threatening the victim, or does the victim fear anyone else (honour-based risk)?",
        "Has the abuser hurt anyone else: children, relatives, former partners?",
        "Has the abuser ever mistreated an animal or family pet?",
        "Are there financial issues, or is the victim dependent on the abuser?",
        "Has the abuser had drug, alcohol or mental-health problems in the past year?",
        "Has the abuser threatened or attempted suicide?",
        "Has the abuser breached bail, an injunction or a contact arrangement?",
        "Is the abuser known to the police or to have a criminal history?",
    ]

    /// ACPO DASH (2009) as used by the police: the same ground plus three
    /// questions on children and dependants.
    public static let police27: [String] = safeLives24 + [
        "Are there children or dependants in the household?",
        "Are there other dependants, such as older relatives, in the household?",
        "Has the abuser threatened or hurt the children or dependants?",
    ]
}
