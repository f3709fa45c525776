/**
 * aiomisc core: services, the entrypoint, schedules and the ready-made services.
 */
module io.aiomisc {
    requires org.slf4j;

    exports io.aiomisc.schedule;
}
