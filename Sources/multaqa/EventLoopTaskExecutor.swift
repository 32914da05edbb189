import NIOCore
import NIOPosix

/// Runs the jobs of the tasks that prefer it on the event loop they are woken on, as code of no
/// actor. With NIO's loops installed as the global executor alone, a job runs "on" its loop as on
/// a serial executor, so every return to nonisolated code (each `withTaskCancellationHandler`,
/// each iterator's `next`, each middleware) must give that executor up by enqueueing the job
/// once more, although it would run on the same thread: about 270 such round trips per
/// registration (bench/registration/instructions). A task executor keeps the serial executor
/// generic, so those returns continue in place. The loop is the current one when there is one
/// (`any()` is sticky), so a task follows the I/O that woke it, as with the global executor.
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
