import NIOCore
import NIOPosix

/// Runs the jobs of the tasks that prefer it on the event loop they are woken on, as code of no
/// actor. `serve` gives it to the database client, whose statements each run in a task of their
/// own (`DatabaseClient.withConnection`, `ConnectionWatch`): PostgresNIO's reads, the pool's lease
/// and the row iterators continue on the loop that did the I/O instead of hopping to Swift's
/// thread pool and back at each await.
///
/// The requests' own tasks run on Swift's global executor, as Hummingbird's do by default. NIO's
/// loops installed as the global executor instead (`NIOSingletons`' takeover) run every job "on" a
/// loop as on a serial executor, so each return to nonisolated code must give that executor up by
/// enqueueing its job again on the same loop: about 70 times per cached programme answer, which
/// then cost 2.8 times the instructions of Hummingbird's bare fixed body (bench/program/
/// instructions), and a fifth of a registration's instructions.
final class EventLoopTaskExecutor: TaskExecutor {
    static let singleton = EventLoopTaskExecutor(group: MultiThreadedEventLoopGroup.singleton)

    private let group: MultiThreadedEventLoopGroup

    private init(group: MultiThreadedEventLoopGroup) {
        self.group = group
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        group.any().execute { job.runSynchronously(on: executor) }
    }
}
