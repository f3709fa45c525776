package io.aiomisc.stats;

/**
 * What an entrypoint publishes about each of its services ({@code type=Service}).
 *
 * @param state        the service's state ({@code NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED})
 * @param phase        the service's phase: lower phases start first and stop last
 * @param serviceClass the service's class name
 */
public record ServiceStatistics(String state, int phase, String serviceClass) {
}
