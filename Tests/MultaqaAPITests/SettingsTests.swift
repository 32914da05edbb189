import Configuration
import Foundation
import MultaqaAPI
import MultaqaTestSupport
import Testing

/// The settings: one place for each variable's default, rule and help, and the README's table
/// and `--help` rendered from it. No database.
@Suite("Settings")
struct SettingsTests {
    @Test("the README's configuration table is the one rendered from the settings")
    func readmeTable() throws {
        let readme = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = "<!-- settings table: rendered by Settings.markdownTable(), checked by SettingsTests -->\n"
        let end = "\n<!-- end of settings table -->"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex)
        else {
            Issue.record("README.md lacks the settings table's markers:\n\(begin)\(end)")
            return
        }
        let table = String(text[start.upperBound..<stop.lowerBound])
        #expect(table == Settings.markdownTable(), "README.md's table should be:\n\(Settings.markdownTable())")
    }

    @Test("AppConfiguration() starts from the defaults serve runs with, the rate limit included")
    func defaults() {
        let configuration = AppConfiguration()
        let defaults = Settings.defaults
        #expect(defaults.port == 8080 && defaults.host == "127.0.0.1" && defaults.dataDirectory == "./.multaqa")
        #expect(defaults.publicWritesPerMinute == 60)
        #expect(defaults.maxUploadSize == 25 << 20 && defaults.maxBodySize == 1 << 20)
        #expect(defaults.databasePoolSize == Settings.poolSize(cores: ProcessInfo.processInfo.activeProcessorCount))
        #expect(defaults.databaseWaitMilliseconds == 2000)
        #expect(defaults.logLevel == .info && defaults.databaseURL == nil && defaults.filesDirectory == nil)
        #expect(configuration.publicWritesPerMinute == defaults.publicWritesPerMinute)
        #expect(configuration.maxUploadSize == defaults.maxUploadSize && configuration.maxBodySize == defaults.maxBodySize)
        #expect(configuration.host == defaults.host && configuration.port == defaults.port)
        // The tests' configuration says why it differs, and only there.
        #expect(AppConfiguration.forTests.publicWritesPerMinute == nil)
    }

    @Test("the pool's default: 4 connections per core, no fewer than 8, no more than 20; the README and --help say so")
    func poolSizeDefault() {
        #expect([1, 2, 3, 4, 5, 8, 64].map { Settings.poolSize(cores: $0) } == [8, 8, 12, 16, 20, 20, 20])
        #expect(Settings.markdownTable().contains("| `MULTAQA_DB_POOL_SIZE` | 4 per core, from 8 to 20 |"))
        #expect(Settings.Variable.databasePoolSize.flagHelp.contains("default 4 per core, from 8 to 20"))
    }

    @Test("a flag wins over the environment, the environment over a command's default, that over the setting's")
    func layers() throws {
        let environment = ["MULTAQA_PORT": "9000", "MULTAQA_HOST": "0.0.0.0", "MULTAQA_LOG_LEVEL": "debug"]
        let settings = try Settings(explicit: [.port: "9100"], environment: environment)
        #expect(settings.port == 9100 && settings.host == "0.0.0.0" && settings.logLevel == .debug)
        let command = try Settings(environment: [:], defaults: [.logLevel: "warning"])
        #expect(command.logLevel == .warning)
        let told = try Settings(environment: ["MULTAQA_LOG_LEVEL": "Info"], defaults: [.logLevel: "warning"])
        #expect(told.logLevel == .info)
        let unlimited = try Settings(environment: ["MULTAQA_RATE_LIMIT": "0", "MULTAQA_FILES_DIR": ""])
        #expect(unlimited.publicWritesPerMinute == nil && unlimited.filesDirectory == nil)
        let proxies = try Settings(environment: ["MULTAQA_TRUSTED_PROXIES": " 10.0.0.2, 10.0.0.3,,"])
        #expect(proxies.trustedProxies == ["10.0.0.2", "10.0.0.3"])
        let external = try Settings(environment: ["DATABASE_URL": "postgres://u:p@db:5432/m"])
        #expect(external.databaseURL == "postgres://u:p@db:5432/m")
    }

    @Test("deploy's example environment names only settings, each with a value its rule accepts")
    func deployExample() throws {
        let example = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("deploy/multaqa.env.example")
        var environment: [String: String] = [:]
        for line in try String(contentsOf: example, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            environment[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        let known = Set(Settings.Variable.allCases.map(\.name))
        #expect(Set(environment.keys).subtracting(known).isEmpty)
        #expect(throws: Never.self) { try Settings(environment: environment) }
    }

    @Test("each variable is found through its swift-configuration key")
    func keys() {
        for variable in Settings.Variable.allCases {
            let reader = Settings.reader(explicit: [:], environment: [variable.name: "x"], defaults: [:])
            #expect(reader.string(forKey: variable.key, isSecret: variable.isSecret) == "x", "\(variable.name)")
        }
    }

    @Test(
        "a bad value is refused with the variable and its rule, never replaced by the default",
        arguments: [
            ("MULTAQA_PORT", "eighty", "MULTAQA_PORT (--port) must be a port number from 1 to 65535, not \"eighty\""),
            ("MULTAQA_PORT", "", "MULTAQA_PORT (--port) must be a port number from 1 to 65535, not \"\""),
            ("MULTAQA_PORT", "70000", "MULTAQA_PORT (--port) must be a port number from 1 to 65535, not \"70000\""),
            (
                "MULTAQA_RATE_LIMIT", "-1",
                "MULTAQA_RATE_LIMIT must be a whole number of requests per minute (0: no limit), not \"-1\""
            ),
            (
                "MULTAQA_DB_POOL_SIZE", "1",
                "MULTAQA_DB_POOL_SIZE must be a whole number of at least 2 (one connection listens for programme changes), not \"1\""
            ),
            ("MULTAQA_DB_WAIT_MS", "0", "MULTAQA_DB_WAIT_MS must be a positive whole number of milliseconds, not \"0\""),
            ("MULTAQA_MAX_BODY_SIZE", "1MB", "MULTAQA_MAX_BODY_SIZE must be a positive whole number of bytes, not \"1MB\""),
            ("MULTAQA_MAX_UPLOAD_SIZE", "-5", "MULTAQA_MAX_UPLOAD_SIZE must be a positive whole number of bytes, not \"-5\""),
            ("MULTAQA_DATA_DIR", "", "MULTAQA_DATA_DIR (--data-dir) must not be empty, not \"\""),
            ("MULTAQA_HOST", "", "MULTAQA_HOST (--host) must not be empty, not \"\""),
            (
                "MULTAQA_LOG_LEVEL", "loud",
                "MULTAQA_LOG_LEVEL (--log-level) must be one of trace, debug, info, notice, warning, error, critical, not \"loud\""
            ),
        ])
    func refused(variable: String, value: String, message: String) {
        #expect(throws: Settings.InvalidValue.self) { try Settings(environment: [variable: value]) }
        do {
            _ = try Settings(environment: [variable: value])
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a bad flag is refused as its variable would be")
    func refusedFlag() {
        #expect(throws: Settings.InvalidValue.self) {
            try Settings(explicit: [.port: "0"], environment: ["MULTAQA_PORT": "8081"])
        }
    }

    @Test("--help lists every variable multaqa reads, with its default, within 80 columns")
    func help() {
        let help = Settings.environmentHelp()
        for line in help.split(separator: "\n") {
            #expect(line.count < 80, "\(line)")
        }
        for variable in Settings.Variable.allCases {
            #expect(help.contains(variable.name) == !variable.isForTestsOnly, "\(variable.name)")
        }
        let words = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            words.contains(
                "MULTAQA_MAX_UPLOAD_SIZE Largest document file in bytes (25 MiB); larger uploads get 413. Default: 26214400."))
        #expect(words.contains("Default: info for serve, warning otherwise."))
        #expect(!help.contains("`"))
        #expect(
            Settings.Variable.port.flagHelp == "Port serve listens on (env MULTAQA_PORT, default 8080).")
    }
}
