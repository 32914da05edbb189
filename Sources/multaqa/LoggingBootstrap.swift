import ArgumentParser
import Foundation
import Logging
import MultaqaAPI
import MultaqaStore
import Synchronization

enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func once(level: Logger.Level) {
        done.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in DeferredMetadataLogHandler(label: label, level: level) }
        }
    }
}
