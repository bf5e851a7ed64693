import CNCurses
import Foundation
import MaracCore

/// The only place that talks to ncurses: start and restore the terminal, read
/// keys, copy a CellBuffer to the screen. Everything else is testable without it.
final class Terminal {
    private let screen: OpaquePointer
    private let useColour: Bool
    private var colourPairs: [ColourRole: Int16] = [:]
    private var restored = false

    /// nil when the terminal cannot be driven (no cursor addressing).
    init?() {
        setlocale(LC_ALL, "")
        // Real box-drawing lines in UTF-8 terminals, including under tmux and PuTTY.
        setenv("NCURSES_NO_UTF8_ACS", "1", 1)
        // newterm, unlike initscr, returns nil instead of exiting the process.
        guard let screen = marac_newterm() else { return nil }
        self.screen = screen
        set_term(screen)
        raw()
        noecho()
        keypad(marac_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        // A quarter-second poll lets timers tick and signals be noticed.
        wtimeout(marac_stdscr(), 250)
        mousemask(mmask_t(marac_button4_pressed() | marac_button5_pressed() | marac_button1_clicked()), nil)
        useColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
        if useColour, has_colors() {
            start_color()
            use_default_colors()
            let colours: [(ColourRole, Int16)] = [(.high, Int16(COLOR_RED)), (.medium, Int16(COLOR_YELLOW)), (.standard, Int16(COLOR_CYAN)),
                                                  (.warning, Int16(COLOR_RED)), (.accent, Int16(COLOR_BLUE)), (.demo, Int16(COLOR_MAGENTA))]
            for (index, (role, colour)) in colours.enumerated() {
                init_pair(Int16(index + 1), colour, -1)
                colourPairs[role] = Int16(index + 1)
            }
        }
    }

    var size: (width: Int, height: Int) {
        (Int(marac_getmaxx(marac_stdscr())), Int(marac_getmaxy(marac_stdscr())))
    }

    /// Copies the buffer to the terminal; ncurses sends only what changed.
    func draw(_ buffer: CellBuffer) {
        let window = marac_stdscr()
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let style = buffer[x, y].style
                var run = ""
                let start = x
                while x < buffer.width, buffer[x, y].style == style {
                    run += buffer[x, y].text
                    x += 1
                }
                wattr_set(window, attributes(style), colourPairs[style.colour] ?? 0, nil)
                // The last cell of the screen would scroll it: stop one short there.
                if y == buffer.height - 1, x == buffer.width, !run.isEmpty { run.removeLast() }
                mvwaddstr(window, Int32(y), Int32(start), run)
            }
        }
        wattr_set(window, 0, 0, nil)
        wrefresh(window)
    }

    private func attributes(_ style: CellStyle) -> attr_t {
        var value: UInt32 = 0
        if style.bold { value |= marac_attr_bold() }
        if style.reverse { value |= marac_attr_reverse() }
        if style.underline { value |= marac_attr_underline() }
        if style.dim { value |= marac_attr_dim() }
        return attr_t(value)
    }

    /// True once the terminal has hung up: the run loop ends as on SIGHUP.
    private(set) var hungUp = false

    /// Whether standard input reports a hang-up or an error (not merely no key yet).
    private func terminalGone() -> Bool {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) >= 0 else { return errno != EINTR }
        return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// The next key, or .tick when none came within the poll interval.
    func readKey() -> Key {
        var character: wint_t = 0
        let result = wget_wch(marac_stdscr(), &character)
        if result == ERR {
            // A terminal that went away without a SIGHUP reaching marac (its
            // tmux pane killed under `runuser`, an ssh link dropped behind a
            // wrapper) answers ERR at once, for ever: without this check the
            // UI redrew in a loop, a core's worth of CPU, until killed.
            if terminalGone() { hungUp = true }
            return .tick
        }
        if result == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_NPAGE: return .pageDown
            case KEY_PPAGE: return .pageUp
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_BTAB: return .backTab
            case KEY_ENTER: return .enter
            case marac_key_resize(): return .resize
            case marac_key_mouse(): return mouse()
            case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(Int32(character) - KEY_F0))
            // Any other key ncurses knows (Insert, F13+, shifted keys): nothing to do, but not silence either.
            default: return .unknown
            }
        }
        switch character {
        case 10, 13: return .enter
        case 27: return escapeSequence()
        case 9: return .tab
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(character) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return .tick }
            return .char(Character(scalar))
        }
    }

    /// An Esc: read what follows it at once (a terminal sends a sequence in one
    /// write); only a lone Esc is the Esc key. See `EscapeSequence`.
    private func escapeSequence() -> Key {
        var rest: [Character] = []
        wtimeout(marac_stdscr(), 0)
        defer { wtimeout(marac_stdscr(), 250) }
        while rest.count < 64 {
            var next: wint_t = 0
            let result = wget_wch(marac_stdscr(), &next)
            if result == ERR { break }
            // A key ncurses decoded inside the sequence: the whole thing is unknown.
            if result == KEY_CODE_YES { return .unknown }
            guard let scalar = Unicode.Scalar(UInt32(next)) else { return .unknown }
            rest.append(Character(scalar))
            // A CSI or SS3 sequence ends at its final byte (@ to ~); Alt+key is one character.
            if rest.count == 1, rest[0] != "[", rest[0] != "O" { break }
            if rest.count >= 2, case let v = scalar.value, (0x40...0x7E).contains(v), !(rest.count == 2 && rest[0] == "[" && v == 0x5B) {
                if rest[0] == "[" && rest.count == 2 && scalar == "M" {
                    // An X10 mouse report: three more bytes, swallowed.
                    for _ in 0..<3 { var skip: wint_t = 0; _ = wget_wch(marac_stdscr(), &skip) }
                    return .unknown
                }
                break
            }
        }
        return EscapeSequence.decode(rest)
    }

    private func mouse() -> Key {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return .tick }
        if event.bstate & mmask_t(marac_button4_pressed()) != 0 { return .mouseWheelUp }
        if event.bstate & mmask_t(marac_button5_pressed()) != 0 { return .mouseWheelDown }
        if event.bstate & mmask_t(marac_button1_clicked()) != 0 { return .click(row: Int(event.y), column: Int(event.x)) }
        return .tick
    }

    /// A crash must not leave the terminal raw, nor print data: restore and die quietly.
    static func restoreOnCrash() {
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE, SIGTRAP] {
            signal(sig) { received in
                endwin()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// Puts the terminal back as it was. Safe to call more than once.
    func restore() {
        guard !restored else { return }
        restored = true
        endwin()
        delscreen(screen)
    }
}
