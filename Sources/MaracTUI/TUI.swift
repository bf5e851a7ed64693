/// Entry point of the terminal UI (built in issue 4).
public enum TUI {}
