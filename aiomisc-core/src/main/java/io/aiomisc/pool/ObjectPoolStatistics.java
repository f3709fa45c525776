package io.aiomisc.pool;

/**
 * A snapshot of an {@link ObjectPool}'s gauges and counters.
 *
 * @param size           live instances, idle and leased (aiomisc's {@code len(pool)})
 * @param idle           instances waiting to be leased
 * @param waiting        threads waiting for a lease (an estimate)
 * @param created        instances created
 * @param disposed       instances disposed of
 * @param acquired       leases handed out
 * @param createFailures {@code create} calls that threw
 * @param checkFailures  idle instances that failed their check (returned false or threw) and were disposed of
 */
public record ObjectPoolStatistics(int size, int idle, int waiting, long created, long disposed, long acquired,
                                   long createFailures, long checkFailures) {
}
