/// A serial perpetrator, as MATAC (multi-agency tasking and coordination)
/// defines one: on domestic-abuse records against two or more different
/// victims within three years, aged 16 or over. The window and the count are
/// settings (`serial-window-years`, `serial-victims`) for a partnership whose
/// protocol differs; the age is MATAC's and fixed.
///
/// The window always ends on the day the question is asked: a flag on an
/// agenda or in triage tells the room what is known of the perpetrator now,
/// whichever of the victim's referrals is on the screen.
public struct SerialRule: Sendable, Equatable {
    public static let defaultWindowYears = 3
    public static let defaultVictims = 2
    /// MATAC counts perpetrators aged 16 or over; one whose date of birth is
    /// not known is counted (the age cannot show they are too young).
    public static let minimumAge = 16

    public var windowYears: Int
    public var victims: Int

    public init(windowYears: Int = defaultWindowYears, victims: Int = defaultVictims) {
        self.windowYears = windowYears
        self.victims = victims
    }

    /// The rule from the MARAC's stored settings (nil when unset: the default).
    public init(storedWindowYears: String?, storedVictims: String?) throws(FieldError) {
        func number(_ key: String, _ text: String?, _ fallback: Int, atLeast minimum: Int) throws(FieldError) -> Int {
            guard let text else { return fallback }
            guard let value = Int(text), value >= minimum else {
                throw FieldError(key, "the stored setting must be a whole number of at least \(minimum)")
            }
            return value
        }
        self.init(windowYears: try number(Settings.serialWindowYears, storedWindowYears, Self.defaultWindowYears, atLeast: 1),
                  victims: try number(Settings.serialVictims, storedVictims, Self.defaultVictims, atLeast: 2))
    }

    /// The first day of the window that ends on `today` (three years back, the
    /// same day of the month: 2026-12-07 looks back to 2023-12-08).
    public func windowStart(today: Day) -> Day {
        today.adding(months: -12 * windowYears).adding(days: 1)
    }

    /// Serial when the different victims recorded within the window reach the
    /// count, and the perpetrator is not known to be under 16 today.
    public func isSerial(differentVictims: Int, perpetratorBorn dob: Day?, today: Day) -> Bool {
        guard differentVictims >= victims else { return false }
        if let dob, today.age(bornOn: dob) < Self.minimumAge { return false }
        return true
    }

    /// "serial: 3 victims in 3 years": the fact and the count, never who.
    public func words(differentVictims: Int) -> String {
        "serial: \(differentVictims) victims in \(windowYears) \(windowYears == 1 ? "year" : "years")"
    }
}

/// What the MARAC knows of one perpetrator's victims: shown beside a case
/// whether or not the viewer may see the other victims' cases.
public struct SerialStanding: Sendable, Equatable, Codable {
    /// Different victims recorded against the perpetrator within the window.
    public var differentVictims: Int
    public var isSerial: Bool
    /// "serial: 3 victims in 3 years", or nil when not serial.
    public var words: String?

    public init(differentVictims: Int, isSerial: Bool, words: String?) {
        self.differentVictims = differentVictims
        self.isSerial = isSerial
        self.words = words
    }

    public init(rule: SerialRule, differentVictims: Int, perpetratorBorn dob: Day?, today: Day) {
        let serial = rule.isSerial(differentVictims: differentVictims, perpetratorBorn: dob, today: today)
        self.init(differentVictims: differentVictims, isSerial: serial,
                  words: serial ? rule.words(differentVictims: differentVictims) : nil)
    }
}

extension Settings {
    public static let serialWindowYears = "serial-window-years"
    public static let serialVictims = "serial-victims"
}
