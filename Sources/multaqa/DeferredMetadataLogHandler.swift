import Logging

/// `StreamLogHandler`'s lines on standard error, with the metadata set on a logger kept as given
/// until a line is written. `StreamLogHandler` formats its whole metadata each time a key is set,
/// and Hummingbird sets the request id on every request's logger, whether it writes a line or not:
/// deferring the formatting saves about 5,000 instructions per request (`bench/registration/floor`).
struct DeferredMetadataLogHandler: LogHandler {
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level) {
        stream = StreamLogHandler.standardError(label: label)
        stream.logLevel = level
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // Handed over when a line is written, so that it is formatted then, in the same order
        // (the logger's, the provider's, the line's own) and the same form as before.
        var writer = stream
        writer.metadata = metadata
        writer.log(event: event)
    }
}
