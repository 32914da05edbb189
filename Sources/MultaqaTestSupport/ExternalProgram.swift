import Foundation
import MultaqaStore

/// The programs the tests read results back with (pdftotext, pdftoppm, zbarimg, pandoc): run one
/// to its end, its standard output collected through a file (a pipe fills up and blocks on a large
/// text), its errors dropped.
///
/// Through `SystemCommand` (posix_spawn and waitpid), not Foundation's `Process`: with tests
/// starting servers in parallel, `Process.waitUntilExit` was seen to wait forever for a reader that
/// had already exited (left a zombie), which hung the whole run.
public enum ExternalProgram {
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let output = try SystemCommand(executable, arguments, discardingErrors: true).run()
        return (output.status, output.text)
    }
}
