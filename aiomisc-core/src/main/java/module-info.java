/**
 * aiomisc for Java: services under one entrypoint, and the helpers every service needs.
 */
module io.aiomisc {
    requires org.slf4j;
    requires transitive java.management;

    exports io.aiomisc.resilience;
    exports io.aiomisc.aggregate;
    exports io.aiomisc.pool;
    exports io.aiomisc.stats;
}
