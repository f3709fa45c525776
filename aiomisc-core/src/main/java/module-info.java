/**
 * aiomisc core: services, the entrypoint, schedules and the ready-made services.
 */
module io.aiomisc {
    requires transitive io.aiomisc.threads;
    requires org.slf4j;

    exports io.aiomisc.schedule;
}
