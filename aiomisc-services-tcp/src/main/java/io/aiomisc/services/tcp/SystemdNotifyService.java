package io.aiomisc.services.tcp;

import io.aiomisc.Entrypoint;
import io.aiomisc.LifecycleEvent;
import io.aiomisc.services.tcp.internal.NotifySocket;
import io.aiomisc.spi.EntrypointPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Tells systemd how the entrypoint is doing (aiomisc's {@code SDWatchdogService}), for units with
 * {@code Type=notify} and, optionally, {@code WatchdogSec=}. A plugin, found by {@link java.util.ServiceLoader}
 * (this module {@code provides} it), so every entrypoint uses it without being asked.
 *
 * <p>When the environment variable {@code NOTIFY_SOCKET} is set (a path, or {@code @name} for the abstract
 * namespace), it sends datagrams to that socket:
 * <ul>
 *   <li>before services start: {@code STATUS=Starting N services};</li>
 *   <li>once they have all started: {@code STATUS=Started N services}, then {@code READY=1} (the first time);</li>
 *   <li>when the entrypoint begins to stop: {@code STOPPING=1}, then {@code STATUS=Stopping N services};</li>
 *   <li>after they stopped: {@code STATUS=Stopped N services};</li>
 *   <li>from the start until the stop, {@code WATCHDOG=1} every half of {@code WATCHDOG_USEC}, when that is set
 *       and {@code WATCHDOG_PID} is unset or names this process.</li>
 * </ul>
 * Services started or stopped at run time ({@link Entrypoint#startServices}, {@link Entrypoint#stopServices})
 * only update the status. Without {@code NOTIFY_SOCKET} the plugin logs one DEBUG line and does nothing; a
 * socket error is logged as a warning and never fails the entrypoint. Datagrams go out on a one-thread epoll
 * event loop of the plugin's own (the JDK has no unix datagram sockets, and the entrypoint's loop may be NIO);
 * on a machine without epoll the plugin logs a warning and does nothing.
 *
 * <p>Thread-safety: the hooks are called by the entrypoint one at a time; the watchdog runs on the event loop.
 */
public final class SystemdNotifyService implements EntrypointPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifyService.class);

    private final String socketPath;
    private final Duration watchdogInterval;
    private volatile NotifySocket socket;
    private volatile boolean ready;

    /** Creates the plugin from the process environment; used by {@link java.util.ServiceLoader}. */
    public SystemdNotifyService() {
        this(System.getenv(), ProcessHandle.current().pid());
    }

    /** Creates the plugin from the given environment, as if this process had the given id. */
    SystemdNotifyService(Map<String, String> environment, long pid) {
        Objects.requireNonNull(environment, "environment");
        String path = environment.get("NOTIFY_SOCKET");
        this.socketPath = path == null || path.isEmpty() ? null : path;
        this.watchdogInterval = watchdogInterval(environment, pid);
    }

    private static Duration watchdogInterval(Map<String, String> environment, long pid) {
        String usec = environment.get("WATCHDOG_USEC");
        if (usec == null || usec.isEmpty()) {
            return null;
        }
        String watchdogPid = environment.get("WATCHDOG_PID");
        try {
            if (watchdogPid != null && !watchdogPid.isEmpty() && Long.parseLong(watchdogPid.trim()) != pid) {
                LOG.debug("WATCHDOG_PID={} is not this process ({}): the watchdog is another process's job",
                        watchdogPid, pid);
                return null;
            }
            long micros = Long.parseLong(usec.trim());
            if (micros <= 0) {
                return null;
            }
            return Duration.ofNanos(micros * 1000 / 2);
        } catch (NumberFormatException e) {
            LOG.warn("ignoring the systemd watchdog: WATCHDOG_USEC={} / WATCHDOG_PID={} is not a number", usec,
                    watchdogPid);
            return null;
        }
    }

    /**
     * Opens the socket (first time) and sends {@code STATUS=Starting N services}.
     *
     * @param event the services about to start
     */
    @Override
    public void preStart(LifecycleEvent event) {
        if (socketPath == null) {
            if (socket == null) {
                LOG.debug("NOTIFY_SOCKET is not set: not sending systemd notifications");
                socket = NotifySocket.DISABLED;
            }
            return;
        }
        if (socket == null || socket == NotifySocket.DISABLED) {
            socket = NotifySocket.open(socketPath);
        }
        socket.send("STATUS=Starting " + event.services().size() + " services");
    }

    /**
     * Sends {@code STATUS=Started N services}, then {@code READY=1} and starts the watchdog the first time.
     *
     * @param event the services that started
     */
    @Override
    public void postStart(LifecycleEvent event) {
        NotifySocket open = socket;
        if (open == null || open == NotifySocket.DISABLED) {
            return;
        }
        open.send("STATUS=Started " + event.services().size() + " services");
        if (!ready) {
            ready = true;
            open.send("READY=1");
            if (watchdogInterval != null) {
                open.every(watchdogInterval, "WATCHDOG=1");
            }
        }
    }

    /**
     * Sends {@code STOPPING=1} when the whole entrypoint stops, then {@code STATUS=Stopping N services}.
     *
     * @param event the services about to stop
     */
    @Override
    public void preStop(LifecycleEvent event) {
        NotifySocket open = socket;
        if (open == null || open == NotifySocket.DISABLED) {
            return;
        }
        if (event.entrypoint().state() != Entrypoint.State.RUNNING) {
            open.send("STOPPING=1");
        }
        open.send("STATUS=Stopping " + event.services().size() + " services");
    }

    /**
     * Sends {@code STATUS=Stopped N services}; when the whole entrypoint stops, also stops the watchdog and closes
     * the socket.
     *
     * @param event the services that stopped
     */
    @Override
    public void postStop(LifecycleEvent event) {
        NotifySocket open = socket;
        if (open == null || open == NotifySocket.DISABLED) {
            return;
        }
        open.send("STATUS=Stopped " + event.services().size() + " services");
        if (event.entrypoint().state() != Entrypoint.State.RUNNING) {
            socket = null;
            ready = false;
            open.close();
        }
    }

    @Override
    public String toString() {
        return "SystemdNotifyService[" + (socketPath == null ? "off" : socketPath)
                + (watchdogInterval == null ? "" : ", watchdog every " + watchdogInterval) + "]";
    }
}
