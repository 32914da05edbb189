import NIOCore
import NIOPosix

/// Runs the jobs of the tasks that prefer it on the event loop they are woken on, as code of no
/// actor. `serve` gives it to the database client, whose statements each run in a task of their
/// own (`DatabaseClient.withConnection`, `ConnectionWatch`).
///
/// NIO's loops, installed as the global executor, run every job "on" a loop as on a serial
/// executor, so each return to nonisolated code (PostgresNIO's row iterators, the pool's lease,
/// each `withTaskCancellationHandler`) must give that executor up by enqueueing the job once more,
/// on the same thread: about 75 times per registration (bench/registration/instructions). Under a
/// task executor the serial executor stays generic, so those returns continue in place. The loop
/// is the current one when there is one (`any()` is sticky), as with the global executor.
///
/// The requests' own tasks stay on the global executor. Run under this preference too (around the
/// whole service group), they executed fewer instructions (a fifth fewer per registration, a third
/// fewer per cached program answer, with the same system calls) yet served the cached program
/// more slowly in each of six paired runs (by 1 to 39 %, bench/program/run and shorter runs).
/// Measured per thread, their user time per cached answer stayed about the same (69 against
/// 64 µs) while system time nearly doubled (26.7 against 14 µs), most of it under the socket
/// write that wakes the client; the malloc lock both loops then contended on was not the cause
/// (jemalloc changed nothing).
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
