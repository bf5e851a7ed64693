import Testing
@testable import MaracTUI
