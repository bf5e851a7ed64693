import GRDB
import MaracCore

/// A period's figures remembered until the audit chain moves (`AuditedMemo`,
/// issue 11): the figures screen opened again, or a quarter paged back to,
/// costs one primary-key look-up instead of reading every referral of the
/// period again (about 20 ms at a million referrals). The day the figures
/// were read for (overdue and escalated actions depend on it) and the
/// population are part of the key; a setting's change moves the chain.
enum FiguresMemo {
    static let memo = AuditedMemo<Figures>(limit: 64)

    static func key(_ db: Database, _ period: FiguresPeriod, population: Int?, today: Day) -> String {
        "\(AuditedKey.file(db))\u{0}\(period.from)..\(period.to)\u{0}\(population.map(String.init) ?? "-")\u{0}\(today)"
    }
}
