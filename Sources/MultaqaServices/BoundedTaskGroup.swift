/// Runs `work` on every item, at most `limit` at once, and collects the results by key: a worker's
/// batch of mails or webhook posts, whose round trips overlap without opening one connection per
/// row at the same moment.
enum BoundedTaskGroup {
    static func results<Item: Sendable, Key: Hashable & Sendable, Result: Sendable>(
        of items: [Item], limit: Int, key: @escaping @Sendable (Item) -> Key,
        _ work: @escaping @Sendable (Item) async -> Result
    ) async -> [Key: Result] {
        await withTaskGroup(of: (Key, Result).self) { group in
            var results: [Key: Result] = [:]
            var queue = items[...]
            func next() {
                guard let item = queue.popFirst() else { return }
                group.addTask { (key(item), await work(item)) }
            }
            for _ in 0..<max(1, limit) { next() }
            for await (key, result) in group {
                results[key] = result
                next()
            }
            return results
        }
    }
}
